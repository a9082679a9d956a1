import { runDocumentStoreContract } from './document-store.contract.ts';
import { MemoryDocumentStore } from './memory-store.ts';

runDocumentStoreContract('memory', (clock) => new MemoryDocumentStore(clock));

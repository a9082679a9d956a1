import type { DocumentId } from '@travaux/shared';
import * as Y from 'yjs';
import type { DocumentStore } from '../persistence/document-store.ts';

/**
 * What a replica with `stateVector` lacks of the stored document (SN7): one Yjs update from the store's snapshot
 * and log, holding the structs beyond `stateVector` and the stored deletions; null when there is no such
 * document. Nodes call it after a gap in the fan-out, on reconnect and periodically: applying it is idempotent,
 * and Yjs emits an update only for what was really missing.
 */
export async function missingFromStore(
  store: DocumentStore,
  documentId: DocumentId,
  stateVector: Uint8Array,
): Promise<Uint8Array | null> {
  const stored = await store.loadDocument(documentId);
  if (!stored) return null;
  const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : [...stored.updates];
  if (parts.length === 0) return Y.encodeStateAsUpdate(new Y.Doc());
  return Y.diffUpdate(Y.mergeUpdates(parts), stateVector);
}

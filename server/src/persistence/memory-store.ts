import type { DocumentId } from '@travaux/shared';
import {
  type Clock,
  type DocumentRecord,
  type DocumentStore,
  type NewDocument,
  type StoredDocumentState,
  StoreErrors,
} from './document-store.ts';

interface MemoryDocument {
  record: DocumentRecord;
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  lastSeq: number;
  log: { seq: number; update: Uint8Array }[];
}

/**
 * A `DocumentStore` that keeps everything in process memory: for tests and throwaway servers. It copies every
 * byte array in and out, so callers can never alias its contents.
 */
export class MemoryDocumentStore implements DocumentStore {
  private readonly documents = new Map<DocumentId, MemoryDocument>();
  private closed = false;

  constructor(private readonly now: Clock = () => new Date()) {}

  async createDocument(document: NewDocument, initialUpdate?: Uint8Array): Promise<DocumentRecord> {
    this.assertOpen();
    if (this.documents.has(document.id)) throw new Error(StoreErrors.duplicate(document.id));
    const at = this.now().toISOString();
    const record: DocumentRecord = { id: document.id, title: document.title, createdAt: at, updatedAt: at };
    this.documents.set(document.id, {
      record,
      snapshot: initialUpdate ? initialUpdate.slice() : null,
      snapshotSeq: 0,
      lastSeq: 0,
      log: [],
    });
    return record;
  }

  async listDocuments(): Promise<DocumentRecord[]> {
    this.assertOpen();
    return [...this.documents.values()]
      .map((entry) => entry.record)
      .sort((a, b) => compare(b.updatedAt, a.updatedAt) || compare(a.id, b.id));
  }

  async getDocument(id: DocumentId): Promise<DocumentRecord | null> {
    this.assertOpen();
    return this.documents.get(id)?.record ?? null;
  }

  async loadDocument(id: DocumentId): Promise<StoredDocumentState | null> {
    this.assertOpen();
    const entry = this.documents.get(id);
    if (!entry) return null;
    return {
      snapshot: entry.snapshot ? entry.snapshot.slice() : null,
      updates: entry.log.map((row) => row.update.slice()),
      lastSeq: entry.lastSeq,
    };
  }

  async appendUpdates(id: DocumentId, updates: readonly Uint8Array[]): Promise<number> {
    this.assertOpen();
    const entry = this.require(id);
    for (const update of updates) {
      entry.lastSeq += 1;
      entry.log.push({ seq: entry.lastSeq, update: update.slice() });
    }
    if (updates.length > 0) entry.record = { ...entry.record, updatedAt: this.now().toISOString() };
    return entry.lastSeq;
  }

  async compact(id: DocumentId, snapshot: Uint8Array, throughSeq: number): Promise<boolean> {
    this.assertOpen();
    const entry = this.require(id);
    if (throughSeq > entry.lastSeq) throw new Error(StoreErrors.beyondLog(id, throughSeq, entry.lastSeq));
    if (throughSeq < entry.snapshotSeq) return false;
    entry.snapshot = snapshot.slice();
    entry.snapshotSeq = throughSeq;
    entry.log = entry.log.filter((row) => row.seq > throughSeq);
    return true;
  }

  async setTitle(id: DocumentId, title: string): Promise<void> {
    this.assertOpen();
    const entry = this.require(id);
    entry.record = { ...entry.record, title };
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private require(id: DocumentId): MemoryDocument {
    const entry = this.documents.get(id);
    if (!entry) throw new Error(StoreErrors.unknown(id));
    return entry;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(StoreErrors.closed);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

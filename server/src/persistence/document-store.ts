import type { DocumentId } from '@travaux/shared';

/** A document's catalog entry. Timestamps are ISO 8601 strings (UTC); `updatedAt` moves on every append. */
export interface DocumentRecord {
  readonly id: DocumentId;
  readonly title: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What `createDocument` needs; the store sets the timestamps. */
export interface NewDocument {
  readonly id: DocumentId;
  readonly title: string;
}

/**
 * The stored state of a document: the latest snapshot (a Yjs update covering every log row up to its sequence
 * number) and the log rows after it, oldest first. `lastSeq` is the sequence number of the newest row written
 * (0 when none was), so a compaction through `lastSeq` covers everything loaded.
 */
export interface StoredDocumentState {
  readonly snapshot: Uint8Array | null;
  readonly updates: readonly Uint8Array[];
  readonly lastSeq: number;
}

/**
 * Durable storage of documents: a catalog plus, per document, an append-only log of Yjs updates and a
 * snapshot that compaction folds the log into. Every method is async so a networked database fits behind the
 * same interface; every backend must pass `runDocumentStoreContract`. Misuse (an unknown id where one must
 * exist, a duplicate id, a compaction beyond the log) rejects with an exact message.
 */
export interface DocumentStore {
  /**
   * Adds a document to the catalog; `initialUpdate` (a Yjs update) becomes its first snapshot. Rejects with
   * `document already exists: <id>` when the id is taken.
   */
  createDocument(document: NewDocument, initialUpdate?: Uint8Array): Promise<DocumentRecord>;
  /** Every document, most recently updated first (ties broken by id). */
  listDocuments(): Promise<DocumentRecord[]>;
  /** The catalog entry of `id`, or null when there is none. */
  getDocument(id: DocumentId): Promise<DocumentRecord | null>;
  /** Snapshot and log of `id`, or null when there is no such document. */
  loadDocument(id: DocumentId): Promise<StoredDocumentState | null>;
  /**
   * Appends `updates` to the log of `id` in one transaction (all or nothing) and moves `updatedAt`; resolves
   * with the sequence number of the last row written. Rejects with `unknown document: <id>` when missing.
   */
  appendUpdates(id: DocumentId, updates: readonly Uint8Array[]): Promise<number>;
  /**
   * Replaces the snapshot of `id` with `snapshot` and deletes the log rows with sequence numbers up to
   * `throughSeq`, in one transaction; rows written after `throughSeq` stay. A compaction older than the stored
   * snapshot is ignored (resolves false). Rejects when `throughSeq` is beyond the log.
   */
  compact(id: DocumentId, snapshot: Uint8Array, throughSeq: number): Promise<boolean>;
  /** Sets the catalog title of `id` (does not move `updatedAt`). Rejects with `unknown document: <id>`. */
  setTitle(id: DocumentId, title: string): Promise<void>;
  /** Releases the backend; any later call rejects with `document store is closed`. */
  close(): Promise<void>;
}

/** Exact messages of the store's misuse errors, shared by every backend and asserted by the contract suite. */
export const StoreErrors = {
  duplicate: (id: string) => `document already exists: ${id}`,
  unknown: (id: string) => `unknown document: ${id}`,
  beyondLog: (id: string, throughSeq: number, lastSeq: number) =>
    `cannot compact ${id} through ${throughSeq}: the log ends at ${lastSeq}`,
  closed: 'document store is closed',
} as const;

/** The clock a store stamps records with; injectable so tests can control ordering. */
export type Clock = () => Date;

import { randomUUID } from 'node:crypto';
import type { DocumentId } from '@travaux/shared';
import type Database from 'better-sqlite3';
import { type RevisionRow, revisionValues, toRevisionMeta } from './rows.ts';

/** A revision issued by the chair, or an automatic checkpoint of the live text (SPEC RV1, RV2). */
export interface RevisionMeta {
  readonly id: string;
  readonly documentId: DocumentId;
  readonly kind: 'revision' | 'checkpoint';
  /** "A/AC.1/L.2/Rev.1"; empty for checkpoints. */
  readonly symbol: string;
  readonly title: string;
  /** The date printed on the revision (YYYY-MM-DD). */
  readonly date: string;
  /** Original language (one of the six UN languages). */
  readonly language: string;
  readonly createdAt: string;
  readonly createdBy: string;
}

/** A revision with its full, immutable content: the Yjs state of the document at that moment. */
export interface Revision extends RevisionMeta {
  readonly state: Uint8Array;
}

/**
 * Durable revisions and checkpoints (SPEC RV1, RV2). Revisions are never changed or deleted; only checkpoints
 * beyond the newest `keep` of a document are pruned. Every backend must pass `runRevisionStoreContract`.
 */
export interface RevisionStore {
  /** Stores a revision or checkpoint with its full state; the store gives it an id and `createdAt` (`now`). */
  add(meta: Omit<RevisionMeta, 'id' | 'createdAt'>, state: Uint8Array, now?: Date): Promise<RevisionMeta>;
  /** Revisions and checkpoints of a document, newest first (ties: the later stored first), without content. */
  list(documentId: DocumentId): Promise<RevisionMeta[]>;
  /** One revision with its content, or null when there is none with that id. */
  get(id: string): Promise<Revision | null>;
  /** Deletes the checkpoints of a document beyond the newest `keep`; resolves with how many it deleted. */
  pruneCheckpoints(documentId: DocumentId, keep: number): Promise<number>;
}

/** The SQLite `RevisionStore`, in the server's SQLite file beside the documents. */
export class SqliteRevisionStore implements RevisionStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS revisions (
        id TEXT PRIMARY KEY, document_id TEXT NOT NULL, kind TEXT NOT NULL, symbol TEXT NOT NULL, title TEXT NOT NULL,
        date TEXT NOT NULL, language TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL, state BLOB NOT NULL
      ) STRICT;
      CREATE INDEX IF NOT EXISTS revisions_by_document ON revisions (document_id, created_at);
    `);
  }

  async add(
    meta: Omit<RevisionMeta, 'id' | 'createdAt'>,
    state: Uint8Array,
    now = new Date(),
  ): Promise<RevisionMeta> {
    const revision: RevisionMeta = { ...meta, id: randomUUID(), createdAt: now.toISOString() };
    this.db
      .prepare(
        `INSERT INTO revisions (id, document_id, kind, symbol, title, date, language, created_at, created_by, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(...revisionValues(revision, Buffer.from(state)));
    return revision;
  }

  /** Revisions and checkpoints of a document, newest first, without their content. */
  async list(documentId: DocumentId): Promise<RevisionMeta[]> {
    return this.db
      .prepare<[string], RevisionRow>(
        'SELECT id, document_id, kind, symbol, title, date, language, created_at, created_by FROM revisions WHERE document_id = ? ORDER BY created_at DESC, rowid DESC',
      )
      .all(documentId)
      .map(toRevisionMeta);
  }

  async get(id: string): Promise<Revision | null> {
    const row = this.db
      .prepare<[string], RevisionRow & { state: Buffer }>('SELECT * FROM revisions WHERE id = ?')
      .get(id);
    return row ? { ...toRevisionMeta(row), state: new Uint8Array(row.state) } : null;
  }

  /** Deletes the checkpoints of a document beyond the newest `keep` (revisions are never deleted). */
  async pruneCheckpoints(documentId: DocumentId, keep: number): Promise<number> {
    return this.db
      .prepare(
        `DELETE FROM revisions WHERE document_id = ? AND kind = 'checkpoint' AND id NOT IN (
           SELECT id FROM revisions WHERE document_id = ? AND kind = 'checkpoint' ORDER BY created_at DESC, rowid DESC LIMIT ?)`,
      )
      .run(documentId, documentId, keep).changes;
  }
}

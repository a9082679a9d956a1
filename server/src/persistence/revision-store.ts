import { randomUUID } from 'node:crypto';
import type { DocumentId } from '@travaux/shared';
import type Database from 'better-sqlite3';

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
 * Revisions and checkpoints, in the server's SQLite file beside the documents. Revisions are never changed or
 * deleted; only checkpoints beyond the newest `keep` of a document are pruned.
 */
export class SqliteRevisionStore {
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
      .run(
        revision.id,
        revision.documentId,
        revision.kind,
        revision.symbol,
        revision.title,
        revision.date,
        revision.language,
        revision.createdAt,
        revision.createdBy,
        Buffer.from(state),
      );
    return revision;
  }

  /** Revisions and checkpoints of a document, newest first, without their content. */
  async list(documentId: DocumentId): Promise<RevisionMeta[]> {
    return this.db
      .prepare<[string], Row>(
        'SELECT id, document_id, kind, symbol, title, date, language, created_at, created_by FROM revisions WHERE document_id = ? ORDER BY created_at DESC, rowid DESC',
      )
      .all(documentId)
      .map(toMeta);
  }

  async get(id: string): Promise<Revision | null> {
    const row = this.db
      .prepare<[string], Row & { state: Buffer }>('SELECT * FROM revisions WHERE id = ?')
      .get(id);
    return row ? { ...toMeta(row), state: new Uint8Array(row.state) } : null;
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

interface Row {
  id: string;
  document_id: string;
  kind: string;
  symbol: string;
  title: string;
  date: string;
  language: string;
  created_at: string;
  created_by: string;
}

function toMeta(row: Row): RevisionMeta {
  return {
    id: row.id,
    documentId: row.document_id as DocumentId,
    kind: row.kind as RevisionMeta['kind'],
    symbol: row.symbol,
    title: row.title,
    date: row.date,
    language: row.language,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

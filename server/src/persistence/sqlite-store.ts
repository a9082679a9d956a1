import type { DocumentId } from '@travaux/shared';
import Database from 'better-sqlite3';
import {
  type Clock,
  type DocumentRecord,
  type DocumentStore,
  type NewDocument,
  type StoredDocumentState,
  StoreErrors,
} from './document-store.ts';

/** Bumped whenever the schema below changes; a database from a newer version is refused. */
const SCHEMA_VERSION = 2;

/**
 * Version 2 keeps a document's snapshot in its own table. In version 1 it sat in the `documents` row that
 * every commit reads and rewrites (`last_seq`): SQLite reads a whole record to update one field, so each commit
 * to a compacted 30,000-word convention read its 300 KB snapshot twice (212 µs per commit against 38).
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    last_seq INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE TABLE IF NOT EXISTS snapshots (
    document_id TEXT PRIMARY KEY REFERENCES documents (id),
    seq INTEGER NOT NULL,
    data BLOB NOT NULL
  ) STRICT;
  CREATE TABLE IF NOT EXISTS updates (
    document_id TEXT NOT NULL REFERENCES documents (id),
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (document_id, seq)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS documents_by_update ON documents (updated_at DESC, id);
`;

/** From version 1: snapshots move out of the documents' rows (one transaction with the version's bump). */
const MIGRATE_FROM_1 = `
  INSERT INTO snapshots (document_id, seq, data)
    SELECT id, snapshot_seq, snapshot FROM documents WHERE snapshot IS NOT NULL;
  ALTER TABLE documents DROP COLUMN snapshot;
  ALTER TABLE documents DROP COLUMN snapshot_seq;
`;

interface DocumentRow {
  id: string;
  title: string;
  created_at: string;
  updated_at: string;
}

interface SnapshotRow {
  seq: number;
  data: Buffer;
}

/**
 * The SQLite `DocumentStore` (better-sqlite3, one file). WAL with `synchronous = NORMAL`: a committed
 * transaction survives a crash of the process (the WAL is in the OS page cache), though not necessarily a
 * power loss; that trade keeps a commit well under a millisecond. All SQL of the server lives in this file.
 */
export class SqliteDocumentStore implements DocumentStore {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly appendTransaction;
  private readonly compactTransaction;
  private closed = false;

  /**
   * Opens (creating if needed) the database at `file` (`':memory:'` gives a private one), or uses an already
   * open better-sqlite3 database so other stores can share the file. The store closes it on `close()`.
   */
  constructor(
    file: string | Database.Database,
    private readonly now: Clock = () => new Date(),
  ) {
    this.db = typeof file === 'string' ? new Database(file) : file;
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // SQLite's own default page cache (2 MiB), not better-sqlite3's 16 MiB: live documents are in memory and the
    // log is appended to, so a larger cache mostly holds pages nobody reads again (0.8 MiB of RSS per loaded
    // document in the 20-document benchmark).
    this.db.pragma('cache_size = -2000');
    // Versioned per component (not PRAGMA user_version) so that other stores can share the database file.
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT',
    );
    const row = this.db
      .prepare<[], { version: number }>("SELECT version FROM schema_versions WHERE component = 'documents'")
      .get();
    if (row && row.version > SCHEMA_VERSION) {
      this.db.close();
      throw new Error(
        `database ${this.db.name} has documents schema version ${row.version}; this server supports ${SCHEMA_VERSION}`,
      );
    }
    this.db.transaction(() => {
      this.db.exec(SCHEMA);
      if (row?.version === 1) this.db.exec(MIGRATE_FROM_1);
      this.db
        .prepare("INSERT OR REPLACE INTO schema_versions (component, version) VALUES ('documents', ?)")
        .run(SCHEMA_VERSION);
    })();

    const db = this.db;
    this.statements = {
      insert: db.prepare<[string, string, string, string]>(
        'INSERT INTO documents (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)',
      ),
      exists: db.prepare<[string], { id: string }>('SELECT id FROM documents WHERE id = ?'),
      list: db.prepare<[], DocumentRow>(
        'SELECT id, title, created_at, updated_at FROM documents ORDER BY updated_at DESC, id ASC',
      ),
      get: db.prepare<[string], DocumentRow>(
        'SELECT id, title, created_at, updated_at FROM documents WHERE id = ?',
      ),
      lastSeq: db.prepare<[string], { last_seq: number }>('SELECT last_seq FROM documents WHERE id = ?'),
      snapshot: db.prepare<[string], SnapshotRow>('SELECT seq, data FROM snapshots WHERE document_id = ?'),
      snapshotSeq: db.prepare<[string], { seq: number }>('SELECT seq FROM snapshots WHERE document_id = ?'),
      log: db.prepare<[string], { data: Buffer }>(
        'SELECT data FROM updates WHERE document_id = ? ORDER BY seq ASC',
      ),
      appendRow: db.prepare<[string, number, Buffer]>(
        'INSERT INTO updates (document_id, seq, data) VALUES (?, ?, ?)',
      ),
      advance: db.prepare<[number, string, string]>(
        'UPDATE documents SET last_seq = ?, updated_at = ? WHERE id = ?',
      ),
      setSnapshot: db.prepare<[string, number, Buffer]>(
        'INSERT OR REPLACE INTO snapshots (document_id, seq, data) VALUES (?, ?, ?)',
      ),
      deleteThrough: db.prepare<[string, number]>('DELETE FROM updates WHERE document_id = ? AND seq <= ?'),
      setTitle: db.prepare<[string, string]>('UPDATE documents SET title = ? WHERE id = ?'),
    };

    this.appendTransaction = db.transaction((id: string, updates: readonly Uint8Array[]): number => {
      const state = this.statements.lastSeq.get(id);
      if (!state) throw new Error(StoreErrors.unknown(id));
      let seq = state.last_seq;
      for (const update of updates) {
        seq += 1;
        this.statements.appendRow.run(id, seq, toBuffer(update));
      }
      if (updates.length > 0) this.statements.advance.run(seq, this.now().toISOString(), id);
      return seq;
    });

    this.compactTransaction = db.transaction((id: string, snapshot: Uint8Array, throughSeq: number) => {
      const state = this.statements.lastSeq.get(id);
      if (!state) throw new Error(StoreErrors.unknown(id));
      if (throughSeq > state.last_seq) throw new Error(StoreErrors.beyondLog(id, throughSeq, state.last_seq));
      // A compaction that finished after a newer one must not roll the snapshot back.
      if (throughSeq < (this.statements.snapshotSeq.get(id)?.seq ?? 0)) return false;
      this.statements.setSnapshot.run(id, throughSeq, toBuffer(snapshot));
      this.statements.deleteThrough.run(id, throughSeq);
      return true;
    });
  }

  async createDocument(document: NewDocument, initialUpdate?: Uint8Array): Promise<DocumentRecord> {
    this.assertOpen();
    if (this.statements.exists.get(document.id)) throw new Error(StoreErrors.duplicate(document.id));
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.statements.insert.run(document.id, document.title, at, at);
      if (initialUpdate) this.statements.setSnapshot.run(document.id, 0, toBuffer(initialUpdate));
    })();
    return { id: document.id, title: document.title, createdAt: at, updatedAt: at };
  }

  async listDocuments(): Promise<DocumentRecord[]> {
    this.assertOpen();
    return this.statements.list.all().map(toRecord);
  }

  async getDocument(id: DocumentId): Promise<DocumentRecord | null> {
    this.assertOpen();
    const row = this.statements.get.get(id);
    return row ? toRecord(row) : null;
  }

  async loadDocument(id: DocumentId): Promise<StoredDocumentState | null> {
    this.assertOpen();
    // One read transaction, so the snapshot and the log are from the same moment.
    return this.db.transaction(() => {
      const state = this.statements.lastSeq.get(id);
      if (!state) return null;
      const snapshot = this.statements.snapshot.get(id);
      return {
        snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
        updates: this.statements.log.all(id).map((row) => new Uint8Array(row.data)),
        lastSeq: state.last_seq,
      };
    })();
  }

  async appendUpdates(id: DocumentId, updates: readonly Uint8Array[]): Promise<number> {
    this.assertOpen();
    return this.appendTransaction(id, updates);
  }

  async compact(id: DocumentId, snapshot: Uint8Array, throughSeq: number): Promise<boolean> {
    this.assertOpen();
    return this.compactTransaction(id, snapshot, throughSeq);
  }

  async setTitle(id: DocumentId, title: string): Promise<void> {
    this.assertOpen();
    const result = this.statements.setTitle.run(title, id);
    if (result.changes === 0) throw new Error(StoreErrors.unknown(id));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(StoreErrors.closed);
  }
}

function toRecord(row: DocumentRow): DocumentRecord {
  return {
    id: row.id as DocumentId,
    title: row.title,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A Buffer view of the same bytes (better-sqlite3 binds Buffers as BLOBs). */
function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

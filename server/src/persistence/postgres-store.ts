import type { DocumentId } from '@travaux/shared';
import type pg from 'pg';
import {
  type Clock,
  type DocumentRecord,
  type DocumentStore,
  type NewDocument,
  type StoredDocumentState,
  StoreErrors,
} from './document-store.ts';
import { inTransaction, toBuffer } from './postgres-database.ts';
import type { Lease } from './postgres-lease-store.ts';
import { isoOf } from './rows.ts';

interface DocumentRow {
  id: string;
  title: string;
  created_at: Date;
  updated_at: Date;
}

const toRecord = (row: DocumentRow): DocumentRecord => ({
  id: row.id as DocumentId,
  title: row.title,
  createdAt: isoOf(row.created_at),
  updatedAt: isoOf(row.updated_at),
});

/** A commit refused because this node no longer holds the document's lease at the epoch it writes under (SN8). */
export class FencedOutError extends Error {
  override name = 'FencedOutError';
  constructor(
    readonly documentId: DocumentId,
    readonly epoch: number | null,
  ) {
    super(
      epoch === null
        ? `not the owner of ${documentId}: this node holds no lease on it`
        : `not the owner of ${documentId}: its lease of epoch ${epoch} has passed to another node`,
    );
  }
}

/**
 * The lease a node writes a document under, or null when it holds none; with it, `PostgresDocumentStore` checks
 * in every commit and compaction that the lease still has that epoch (fencing, SN8).
 */
export type Fence = (documentId: DocumentId) => Lease | null;

/**
 * The PostgreSQL `DocumentStore` (the `pg` pool of `openPostgres`, schema migrated). Same tables and rules as
 * the SQLite store; an append locks the document's row (`UPDATE ... RETURNING`), so concurrent appends from
 * several nodes still number the log without gaps or duplicates. `close()` ends the pool.
 */
export class PostgresDocumentStore implements DocumentStore {
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly now: Clock = () => new Date(),
    private readonly fence: Fence | null = null,
  ) {}

  async createDocument(document: NewDocument, initialUpdate?: Uint8Array): Promise<DocumentRecord> {
    this.assertOpen();
    const at = this.now();
    return inTransaction(this.pool, async (client) => {
      const inserted = await client.query(
        `INSERT INTO documents (id, title, created_at, updated_at) VALUES ($1, $2, $3, $3)
         ON CONFLICT (id) DO NOTHING`,
        [document.id, document.title, at],
      );
      if (inserted.rowCount === 0) throw new Error(StoreErrors.duplicate(document.id));
      if (initialUpdate)
        await client.query('INSERT INTO snapshots (document_id, seq, data) VALUES ($1, 0, $2)', [
          document.id,
          toBuffer(initialUpdate),
        ]);
      return { id: document.id, title: document.title, createdAt: isoOf(at), updatedAt: isoOf(at) };
    });
  }

  async listDocuments(): Promise<DocumentRecord[]> {
    this.assertOpen();
    const { rows } = await this.pool.query<DocumentRow>(
      'SELECT id, title, created_at, updated_at FROM documents ORDER BY updated_at DESC, id ASC',
    );
    return rows.map(toRecord);
  }

  async getDocument(id: DocumentId): Promise<DocumentRecord | null> {
    this.assertOpen();
    const { rows } = await this.pool.query<DocumentRow>(
      'SELECT id, title, created_at, updated_at FROM documents WHERE id = $1',
      [id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async loadDocument(id: DocumentId): Promise<StoredDocumentState | null> {
    this.assertOpen();
    // One snapshot of the database (REPEATABLE READ), so the snapshot and the log are from the same moment.
    return inTransaction(this.pool, async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const state = await client.query<{ last_seq: number }>('SELECT last_seq FROM documents WHERE id = $1', [
        id,
      ]);
      const lastSeq = state.rows[0]?.last_seq;
      if (lastSeq === undefined) return null;
      const snapshot = await client.query<{ data: Buffer }>(
        'SELECT data FROM snapshots WHERE document_id = $1',
        [id],
      );
      const log = await client.query<{ data: Buffer }>(
        'SELECT data FROM updates WHERE document_id = $1 ORDER BY seq ASC',
        [id],
      );
      const first = snapshot.rows[0];
      return {
        snapshot: first ? new Uint8Array(first.data) : null,
        updates: log.rows.map((row) => new Uint8Array(row.data)),
        lastSeq,
      };
    });
  }

  async appendUpdates(id: DocumentId, updates: readonly Uint8Array[]): Promise<number> {
    this.assertOpen();
    if (updates.length === 0) {
      const { rows } = await this.pool.query<{ last_seq: number }>(
        'SELECT last_seq FROM documents WHERE id = $1',
        [id],
      );
      if (!rows[0]) throw new Error(StoreErrors.unknown(id));
      return rows[0].last_seq;
    }
    return inTransaction(this.pool, async (client) => {
      await this.checkFence(client, id);
      // Moving last_seq first locks the row: appends to one document are numbered one after the other.
      const advanced = await client.query<{ last_seq: number }>(
        'UPDATE documents SET last_seq = last_seq + $2, updated_at = $3 WHERE id = $1 RETURNING last_seq',
        [id, updates.length, this.now()],
      );
      const last = advanced.rows[0]?.last_seq;
      if (last === undefined) throw new Error(StoreErrors.unknown(id));
      const first = last - updates.length + 1;
      await client.query(
        `INSERT INTO updates (document_id, seq, data)
         SELECT $1, s, d FROM unnest($2::integer[], $3::bytea[]) AS t (s, d)`,
        [id, updates.map((_, index) => first + index), updates.map(toBuffer)],
      );
      return last;
    });
  }

  async compact(id: DocumentId, snapshot: Uint8Array, throughSeq: number): Promise<boolean> {
    this.assertOpen();
    return inTransaction(this.pool, async (client) => {
      await this.checkFence(client, id);
      const state = await client.query<{ last_seq: number }>(
        'SELECT last_seq FROM documents WHERE id = $1 FOR UPDATE',
        [id],
      );
      const lastSeq = state.rows[0]?.last_seq;
      if (lastSeq === undefined) throw new Error(StoreErrors.unknown(id));
      if (throughSeq > lastSeq) throw new Error(StoreErrors.beyondLog(id, throughSeq, lastSeq));
      const stored = await client.query<{ seq: number }>('SELECT seq FROM snapshots WHERE document_id = $1', [
        id,
      ]);
      // A compaction that finished after a newer one must not roll the snapshot back.
      if (throughSeq < (stored.rows[0]?.seq ?? 0)) return false;
      await client.query(
        `INSERT INTO snapshots (document_id, seq, data) VALUES ($1, $2, $3)
         ON CONFLICT (document_id) DO UPDATE SET seq = excluded.seq, data = excluded.data`,
        [id, throughSeq, toBuffer(snapshot)],
      );
      await client.query('DELETE FROM updates WHERE document_id = $1 AND seq <= $2', [id, throughSeq]);
      return true;
    });
  }

  async setTitle(id: DocumentId, title: string): Promise<void> {
    this.assertOpen();
    const result = await this.pool.query('UPDATE documents SET title = $2 WHERE id = $1', [id, title]);
    if (result.rowCount === 0) throw new Error(StoreErrors.unknown(id));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /**
   * With a fence: the lease row must still carry this node's epoch. FOR SHARE holds it until the commit, so a
   * node taking the lease over waits for this commit and then loads it.
   */
  private async checkFence(client: pg.PoolClient, id: DocumentId): Promise<void> {
    if (!this.fence) return;
    const lease = this.fence(id);
    if (!lease) throw new FencedOutError(id, null);
    const { rowCount } = await client.query(
      'SELECT 1 FROM document_leases WHERE document_id = $1 AND node_id = $2 AND epoch = $3 FOR SHARE',
      [id, lease.nodeId, lease.epoch],
    );
    if (rowCount !== 1) throw new FencedOutError(id, lease.epoch);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(StoreErrors.closed);
  }
}

import type { DocumentId } from '@travaux/shared';
import type pg from 'pg';

/** A document's lease held by this node: `epoch` grows with every change of owner (the fencing token). */
export interface Lease {
  readonly documentId: DocumentId;
  readonly nodeId: string;
  readonly epoch: number;
}

/** The outcome of asking for a lease: held now, or held by another node (reachable at `url`) until it expires. */
export type LeaseResult =
  | { readonly ok: true; readonly lease: Lease }
  | { readonly ok: false; readonly ownerId: string; readonly url: string };

/**
 * Document leases in PostgreSQL (SN8), timed by the database's clock so that the nodes' clocks do not matter.
 * A lease is taken when free or expired (the epoch then grows by one), renewed by its holder, released on unload.
 */
export class PostgresLeaseStore {
  constructor(private readonly pool: pg.Pool) {}

  /** Takes the lease of `documentId` for `ttlMs` when it is free, expired or already this node's. */
  async acquire(documentId: DocumentId, nodeId: string, url: string, ttlMs: number): Promise<LeaseResult> {
    // Taking the row's lock waits for a commit of the previous owner that checked its epoch (FOR SHARE): that
    // commit is then complete before the new owner loads the document.
    const taken = await this.pool.query<{ epoch: string }>(
      `INSERT INTO document_leases (document_id, node_id, node_url, epoch, expires_at)
       VALUES ($1, $2, $3, 1, clock_timestamp() + $4 * interval '1 millisecond')
       ON CONFLICT (document_id) DO UPDATE
         SET node_id = excluded.node_id, node_url = excluded.node_url, epoch = document_leases.epoch + 1,
             expires_at = excluded.expires_at
         WHERE document_leases.expires_at <= clock_timestamp() OR document_leases.node_id = excluded.node_id
       RETURNING epoch`,
      [documentId, nodeId, url, ttlMs],
    );
    const row = taken.rows[0];
    if (row) return { ok: true, lease: { documentId, nodeId, epoch: Number(row.epoch) } };
    const owner = await this.pool.query<{ node_id: string; node_url: string }>(
      'SELECT node_id, node_url FROM document_leases WHERE document_id = $1',
      [documentId],
    );
    const current = owner.rows[0];
    // Released between the two statements: ask again.
    if (!current) return this.acquire(documentId, nodeId, url, ttlMs);
    return { ok: false, ownerId: current.node_id, url: current.node_url };
  }

  /** Extends `lease` by `ttlMs`; false when the lease has passed to another node (a new epoch) or was released. */
  async renew(lease: Lease, ttlMs: number): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE document_leases SET expires_at = clock_timestamp() + $4 * interval '1 millisecond'
       WHERE document_id = $1 AND node_id = $2 AND epoch = $3`,
      [lease.documentId, lease.nodeId, lease.epoch, ttlMs],
    );
    return result.rowCount === 1;
  }

  /** Gives `lease` up at once, so that another node need not wait for it to expire. */
  async release(lease: Lease): Promise<void> {
    await this.pool.query(
      'DELETE FROM document_leases WHERE document_id = $1 AND node_id = $2 AND epoch = $3',
      [lease.documentId, lease.nodeId, lease.epoch],
    );
  }
}

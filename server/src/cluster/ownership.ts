import type { DocumentId } from '@travaux/shared';
import type { Logger } from '../log.ts';
import type { Lease, PostgresLeaseStore } from '../persistence/postgres-lease-store.ts';
import type { Fence } from '../persistence/postgres-store.ts';

/** Where a document's connections are served: here (this node holds the lease), or by the owner at `url`. */
export type Route = { readonly local: true } | { readonly local: false; readonly url: string };

/** What `Ownership` needs. */
export interface OwnershipOptions {
  readonly nodeId: string;
  /** This node's address for other nodes (`TRAVAUX_NODE_URL`), stored with each lease it holds. */
  readonly url: string;
  readonly leaseMs: number;
  readonly leases: PostgresLeaseStore;
  readonly logger: Logger;
  /** Runs before this node starts owning a document: a room still loaded from an earlier time must go. */
  readonly beforeOwning: (documentId: DocumentId) => Promise<void>;
  /** The lease of `documentId` passed to another node: close its room (its clients reconnect to the owner). */
  readonly onLost: (documentId: DocumentId) => void;
  /** Told of every lease this node acquires or loses (metrics). */
  readonly onChange?: (change: 'acquired' | 'lost') => void;
}

/**
 * The documents this node owns (SN8): takes a document's lease when a connection needs it and it is free,
 * renews every held lease three times per lease period, and gives a document up when its lease is lost or its
 * room unloads. `fence` tells the store which epoch to commit under.
 */
export class Ownership {
  private readonly held = new Map<DocumentId, Lease>();
  private readonly routing = new Map<DocumentId, Promise<Route>>();
  private readonly timer: NodeJS.Timeout;
  private renewing = false;
  private closed = false;

  constructor(private readonly options: OwnershipOptions) {
    this.timer = setInterval(() => void this.renewAll(), Math.max(100, Math.floor(options.leaseMs / 3)));
    this.timer.unref();
  }

  /** The store's fence: the lease held on a document, or null. */
  readonly fence: Fence = (documentId) => this.held.get(documentId) ?? null;

  /** Whether this node holds the lease of `documentId` now. */
  owns(documentId: DocumentId): boolean {
    return this.held.has(documentId);
  }

  /** Number of documents this node owns now. */
  get ownedDocuments(): number {
    return this.held.size;
  }

  /** Serves `documentId` here when this node owns it or can take it, else names the owner. */
  route(documentId: DocumentId): Promise<Route> {
    if (this.held.has(documentId)) return Promise.resolve({ local: true });
    let pending = this.routing.get(documentId);
    if (!pending) {
      pending = this.take(documentId).finally(() => this.routing.delete(documentId));
      this.routing.set(documentId, pending);
    }
    return pending;
  }

  /** Gives `documentId` up at once (its room unloaded), so another node need not wait for the lease to expire. */
  async release(documentId: DocumentId): Promise<void> {
    const lease = this.held.get(documentId);
    if (!lease || this.routing.has(documentId)) return;
    this.held.delete(documentId);
    await this.options.leases.release(lease).catch((error: unknown) => {
      this.options.logger.warn(
        `releasing the lease of ${documentId} failed (it expires by itself): ${String(error)}`,
      );
    });
  }

  /** Stops renewing and releases every lease (graceful drain: other nodes take over at once). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    const leases = [...this.held.values()];
    this.held.clear();
    await Promise.all(leases.map((lease) => this.options.leases.release(lease).catch(() => {})));
  }

  private async take(documentId: DocumentId): Promise<Route> {
    const { leases, nodeId, url, leaseMs, logger } = this.options;
    if (this.closed) throw new Error('this node is shutting down');
    const result = await leases.acquire(documentId, nodeId, url, leaseMs);
    if (!result.ok) return { local: false, url: result.url };
    // A room loaded while another node owned the document (a read) may be stale: it goes before we serve.
    await this.options.beforeOwning(documentId);
    this.held.set(documentId, result.lease);
    this.options.onChange?.('acquired');
    logger.info(`owning document ${documentId} (epoch ${result.lease.epoch})`);
    return { local: true };
  }

  private async renewAll(): Promise<void> {
    if (this.renewing || this.closed) return;
    this.renewing = true;
    try {
      for (const [documentId, lease] of [...this.held]) {
        let kept: boolean;
        try {
          kept = await this.options.leases.renew(lease, this.options.leaseMs);
        } catch (error) {
          // PostgreSQL unreachable: nobody can take the lease meanwhile, and commits wait; keep trying.
          this.options.logger.warn(`renewing the lease of ${documentId} failed: ${String(error)}`);
          continue;
        }
        if (kept || this.held.get(documentId) !== lease) continue;
        this.held.delete(documentId);
        this.options.onChange?.('lost');
        this.options.logger.warn(`lost the lease of document ${documentId} (epoch ${lease.epoch})`);
        this.options.onLost(documentId);
      }
    } finally {
      this.renewing = false;
    }
  }
}

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadOrCreateSecret } from '../auth/secret.ts';
import type { Logger } from '../log.ts';
import type { DocumentStore } from './document-store.ts';
import { checkPostgres, loadOrCreatePostgresSecret, openPostgres } from './postgres-database.ts';
import { PostgresLeaseStore } from './postgres-lease-store.ts';
import { PostgresRevisionStore } from './postgres-revision-store.ts';
import { PostgresRosterStore } from './postgres-roster-store.ts';
import { type Fence, PostgresDocumentStore } from './postgres-store.ts';
import { type RevisionStore, SqliteRevisionStore } from './revision-store.ts';
import type { RosterStore } from './roster-store.ts';
import { SqliteRosterStore } from './sqlite-roster-store.ts';
import { SqliteDocumentStore } from './sqlite-store.ts';
import { startWalCheckpoints } from './wal-checkpoints.ts';

/** File name of the SQLite database inside the data directory. */
export const DATABASE_FILE = 'travaux.sqlite';

/** Where the server keeps its data: PostgreSQL when `databaseUrl` is set, else SQLite in `dataDir`. */
export interface StorageConfig {
  readonly dataDir: string;
  readonly databaseUrl: string | null;
}

/** The stores of one server (or CLI) on one database, with the token-signing secret kept beside them. */
export interface OpenStores {
  readonly backend: 'sqlite' | 'postgres';
  readonly store: DocumentStore;
  readonly roster: RosterStore;
  readonly revisions: RevisionStore;
  /** Document leases of several nodes (PostgreSQL only; null on SQLite). */
  readonly leases: PostgresLeaseStore | null;
  /** The token-signing secret: `<dataDir>/secret.key` on SQLite, the `secrets` table on PostgreSQL (AC4, SN4). */
  readonly secret: string;
  /** Readiness (OP2): resolves when the database answers and is migrated, else rejects saying why. */
  check(): Promise<void>;
  /** Releases the database (and SQLite's checkpoint worker); idempotent. */
  close(): Promise<void>;
}

/**
 * Opens the server's stores: on PostgreSQL (migrated, pool shared by the three stores) when `databaseUrl` is
 * set, else on the SQLite file of the data directory with its WAL checkpoint worker (`withWalWorker`, servers
 * only; a CLI run is too short for one). A `fence` (several nodes) makes every PostgreSQL commit check the lease.
 */
export async function openStores(
  config: StorageConfig,
  logger: Logger,
  withWalWorker = true,
  fence: Fence | null = null,
): Promise<OpenStores> {
  if (config.databaseUrl) {
    const pool = await openPostgres(config.databaseUrl);
    const store = new PostgresDocumentStore(pool, () => new Date(), fence);
    try {
      return {
        backend: 'postgres',
        store,
        roster: new PostgresRosterStore(pool),
        revisions: new PostgresRevisionStore(pool),
        leases: new PostgresLeaseStore(pool),
        secret: await loadOrCreatePostgresSecret(pool),
        check: () => checkPostgres(pool),
        close: () => store.close(),
      };
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  mkdirSync(config.dataDir, { recursive: true });
  // One database file: the document store and the roster share the connection (and the CLI opens the same file).
  const file = join(config.dataDir, DATABASE_FILE);
  const db = new Database(file);
  const store = new SqliteDocumentStore(db);
  const walCheckpoints = withWalWorker ? startWalCheckpoints(db, file, logger) : null;
  let closing: Promise<void> | null = null;
  return {
    backend: 'sqlite',
    store,
    roster: new SqliteRosterStore(db),
    revisions: new SqliteRevisionStore(db),
    leases: null,
    secret: loadOrCreateSecret(config.dataDir),
    // The file is open and migrated (the stores' constructors create their tables): nothing can go away.
    check: () => Promise.resolve(),
    close: () => {
      closing ??= (async () => {
        await walCheckpoints?.close();
        await store.close();
      })();
      return closing;
    },
  };
}

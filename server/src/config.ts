import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SHAPE_LIMITS, type ShapeLimits } from '@travaux/shared';

/** Everything the server reads from its environment, validated. */
export interface ServerConfig {
  /** TCP port for HTTP and WebSocket; 0 picks a free one. */
  readonly port: number;
  readonly host: string;
  /** Absolute directory of the SQLite database (and of its signing secret). */
  readonly dataDir: string;
  /** `postgres://...` of a shared PostgreSQL; null: SQLite in `dataDir` (the default). */
  readonly databaseUrl: string | null;
  /**
   * This node's address for the other nodes (`http://10.0.0.2:8787`); set, the server runs as one of several
   * nodes on `databaseUrl` (document leases, forwarding). Null: a single server.
   */
  readonly nodeUrl: string | null;
  /** How long a node's lease on a document lasts without renewal: the failover time after a node dies. */
  readonly leaseMs: number;
  /**
   * `redis://...` of the Redis carrying updates and presence between nodes (SN10); needs `nodeUrl`. Null: every
   * connection of a document another node owns is forwarded to the owner (SN9).
   */
  readonly redisUrl: string | null;
  /** How often a node's replicas catch up from the store by state vector, whatever Redis delivered (SN7). */
  readonly catchUpMs: number;
  /**
   * How long a node keeps serving after SIGTERM while `/readyz` says 503, so that the balancer stops sending it
   * new clients before it closes its connections (OP2). 0: close at once.
   */
  readonly drainMs: number;
  /** Bearer token `GET /metrics` asks for; null: /metrics answers everyone (keep it off the public network). */
  readonly metricsToken: string | null;
  /** Largest WebSocket message accepted; larger closes the connection with 1009. */
  readonly maxMessageBytes: number;
  /** How long a document stays loaded after its last connection left. */
  readonly unloadGraceMs: number;
  /** Logged updates after which a document's log is compacted into a snapshot. */
  readonly compactEvery: number;
  /** Absolute directory of the built client. */
  readonly clientDir: string;
  /** Seed the demo document when the store is empty. */
  readonly seedDemo: boolean;
  /** Base of invitation links (`<publicUrl>/join/<token>`); null: the listening address. */
  readonly publicUrl: string | null;
  /** Bearer token that allows `POST /api/negotiations`; null: that route is off (use the CLI). */
  readonly adminToken: string | null;
  /** Unsent bytes after which a connection that does not read is closed (GoingAway); its client resyncs. */
  readonly maxBufferedBytes: number;
  /** Largest HTTP request body of a JSON route (sessions, invitations, revisions...); larger gets 413. */
  readonly maxJsonBodyBytes: number;
  /** Largest HTTP request body of document creation from text (and, later, imports); larger gets 413. */
  readonly maxDocumentBodyBytes: number;
  /** Largest presence (awareness) state of one client, as JSON bytes; larger closes the connection (4413). */
  readonly maxPresenceBytes: number;
  /** Bounds on one document's shape (SH7): its encoded size, one record, records per delegation. */
  readonly shapeLimits: ShapeLimits;
}

/** Defaults of the HTTP body and presence bounds (README, Configuration). */
export const DEFAULT_BOUNDS = {
  maxJsonBodyBytes: 64 * 1024,
  maxDocumentBodyBytes: 16 * 1024 * 1024,
  maxPresenceBytes: 8 * 1024,
} as const;

/** Raised for an invalid environment variable; `variable` names it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

const MIB = 1024 * 1024;

/**
 * The built client of this checkout: <repo>/client/dist, found from this module rather than the cwd (two levels
 * below the repository both as server/src/config.ts and bundled as server/dist/main.js).
 */
export const DEFAULT_CLIENT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../client/dist');

/**
 * Reads `ServerConfig` from `env` (PORT, HOST, TRAVAUX_DATA_DIR, TRAVAUX_MAX_MESSAGE_BYTES,
 * TRAVAUX_UNLOAD_GRACE_MS, TRAVAUX_COMPACT_EVERY, TRAVAUX_CLIENT_DIR, TRAVAUX_SEED_DEMO, TRAVAUX_PUBLIC_URL,
 * TRAVAUX_ADMIN_TOKEN, TRAVAUX_DATABASE_URL, TRAVAUX_NODE_URL, TRAVAUX_LEASE_MS, TRAVAUX_REDIS_URL,
 * TRAVAUX_CATCH_UP_MS, TRAVAUX_DRAIN_MS, TRAVAUX_METRICS_TOKEN, TRAVAUX_MAX_BUFFERED_BYTES,
 * TRAVAUX_MAX_JSON_BODY_BYTES, TRAVAUX_MAX_DOCUMENT_BODY_BYTES, TRAVAUX_MAX_PRESENCE_BYTES, TRAVAUX_MAX_DOCUMENT_BYTES,
 * TRAVAUX_MAX_RECORD_BYTES, TRAVAUX_MAX_RECORDS_PER_DELEGATION); relative directories
 * resolve against `cwd`. Throws `ConfigError` naming the first invalid variable. Empty values count as unset.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): ServerConfig {
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === '' ? undefined : raw;
  };
  return {
    port: integer('PORT', value('PORT'), 8787, 0, 65535),
    host: value('HOST') ?? '127.0.0.1',
    dataDir: resolve(cwd, value('TRAVAUX_DATA_DIR') ?? './data'),
    databaseUrl: postgresUrl('TRAVAUX_DATABASE_URL', value('TRAVAUX_DATABASE_URL')),
    nodeUrl: nodeUrl(value('TRAVAUX_NODE_URL'), value('TRAVAUX_DATABASE_URL')),
    leaseMs: integer('TRAVAUX_LEASE_MS', value('TRAVAUX_LEASE_MS'), 5000, 500, 600_000),
    redisUrl: redisUrl(value('TRAVAUX_REDIS_URL'), value('TRAVAUX_NODE_URL')),
    catchUpMs: integer('TRAVAUX_CATCH_UP_MS', value('TRAVAUX_CATCH_UP_MS'), 5000, 200, 3600_000),
    drainMs: integer('TRAVAUX_DRAIN_MS', value('TRAVAUX_DRAIN_MS'), 0, 0, 60_000),
    metricsToken: secretValue('TRAVAUX_METRICS_TOKEN', value('TRAVAUX_METRICS_TOKEN')),
    // ws keeps maxPayload in a 32-bit integer; 1 GiB is far beyond any treaty anyway.
    maxMessageBytes: integer(
      'TRAVAUX_MAX_MESSAGE_BYTES',
      value('TRAVAUX_MAX_MESSAGE_BYTES'),
      16 * MIB,
      1024,
      1024 * MIB,
    ),
    unloadGraceMs: integer(
      'TRAVAUX_UNLOAD_GRACE_MS',
      value('TRAVAUX_UNLOAD_GRACE_MS'),
      30_000,
      0,
      24 * 3600_000,
    ),
    compactEvery: integer('TRAVAUX_COMPACT_EVERY', value('TRAVAUX_COMPACT_EVERY'), 500, 1, 1_000_000),
    clientDir: resolve(cwd, value('TRAVAUX_CLIENT_DIR') ?? DEFAULT_CLIENT_DIR),
    seedDemo: boolean('TRAVAUX_SEED_DEMO', value('TRAVAUX_SEED_DEMO'), true),
    publicUrl: url('TRAVAUX_PUBLIC_URL', value('TRAVAUX_PUBLIC_URL')),
    adminToken: secretValue('TRAVAUX_ADMIN_TOKEN', value('TRAVAUX_ADMIN_TOKEN')),
    maxBufferedBytes: integer(
      'TRAVAUX_MAX_BUFFERED_BYTES',
      value('TRAVAUX_MAX_BUFFERED_BYTES'),
      64 * MIB,
      64 * 1024,
      4096 * MIB,
    ),
    maxJsonBodyBytes: integer(
      'TRAVAUX_MAX_JSON_BODY_BYTES',
      value('TRAVAUX_MAX_JSON_BODY_BYTES'),
      DEFAULT_BOUNDS.maxJsonBodyBytes,
      1024,
      64 * MIB,
    ),
    maxDocumentBodyBytes: integer(
      'TRAVAUX_MAX_DOCUMENT_BODY_BYTES',
      value('TRAVAUX_MAX_DOCUMENT_BODY_BYTES'),
      DEFAULT_BOUNDS.maxDocumentBodyBytes,
      1024,
      1024 * MIB,
    ),
    maxPresenceBytes: integer(
      'TRAVAUX_MAX_PRESENCE_BYTES',
      value('TRAVAUX_MAX_PRESENCE_BYTES'),
      DEFAULT_BOUNDS.maxPresenceBytes,
      256,
      16 * MIB,
    ),
    shapeLimits: {
      maxDocumentBytes: integer(
        'TRAVAUX_MAX_DOCUMENT_BYTES',
        value('TRAVAUX_MAX_DOCUMENT_BYTES'),
        DEFAULT_SHAPE_LIMITS.maxDocumentBytes,
        64 * 1024,
        4096 * MIB,
      ),
      maxRecordBytes: integer(
        'TRAVAUX_MAX_RECORD_BYTES',
        value('TRAVAUX_MAX_RECORD_BYTES'),
        DEFAULT_SHAPE_LIMITS.maxRecordBytes,
        1024,
        16 * MIB,
      ),
      maxRecordsPerDelegation: integer(
        'TRAVAUX_MAX_RECORDS_PER_DELEGATION',
        value('TRAVAUX_MAX_RECORDS_PER_DELEGATION'),
        DEFAULT_SHAPE_LIMITS.maxRecordsPerDelegation,
        1,
        10_000_000,
      ),
    },
  };
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got ${JSON.stringify(raw)}`);
  const parsed = Number(raw);
  if (parsed < min || parsed > max) throw new ConfigError(name, `expected ${min}–${max}, got ${raw}`);
  return parsed;
}

function boolean(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined) return fallback;
  const lower = raw.toLowerCase();
  if (['true', '1', 'yes'].includes(lower)) return true;
  if (['false', '0', 'no'].includes(lower)) return false;
  throw new ConfigError(name, `expected true or false, got ${JSON.stringify(raw)}`);
}

function url(name: string, raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(raw))
    throw new ConfigError(name, `expected an http(s) URL, got ${JSON.stringify(raw)}`);
  return raw.replace(/\/+$/, '');
}

function postgresUrl(name: string, raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (!/^postgres(ql)?:\/\/\S+$/.test(raw))
    throw new ConfigError(name, 'expected a postgres://user@host:port/database URL');
  return raw;
}

function nodeUrl(raw: string | undefined, databaseUrl: string | undefined): string | null {
  const parsed = url('TRAVAUX_NODE_URL', raw);
  if (parsed !== null && databaseUrl === undefined)
    throw new ConfigError(
      'TRAVAUX_NODE_URL',
      'several nodes need a shared database: set TRAVAUX_DATABASE_URL too',
    );
  return parsed;
}

function redisUrl(raw: string | undefined, node: string | undefined): string | null {
  if (raw === undefined) return null;
  if (!/^rediss?:\/\/\S+$/.test(raw))
    throw new ConfigError('TRAVAUX_REDIS_URL', 'expected a redis://[user:password@]host:port[/db] URL');
  if (node === undefined)
    throw new ConfigError('TRAVAUX_REDIS_URL', 'Redis joins several nodes: set TRAVAUX_NODE_URL too');
  return raw;
}

function secretValue(name: string, raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (raw.length < 16) throw new ConfigError(name, 'use at least 16 characters');
  return raw;
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The migrations of the PostgreSQL schema, in order; migration n brings the schema to version n. A released
 * migration is never edited: a change is a new entry. Each runs in its own transaction with its version's row.
 */
const MIGRATIONS: readonly string[] = [
  // 1: documents, roster, audit, revisions and the shared signing secret (the tables of the SQLite stores).
  `
  CREATE TABLE documents (
    id TEXT COLLATE "C" PRIMARY KEY,
    title TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    last_seq INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX documents_by_update ON documents (updated_at DESC, id);
  CREATE TABLE snapshots (
    document_id TEXT COLLATE "C" PRIMARY KEY REFERENCES documents (id),
    seq INTEGER NOT NULL,
    data BYTEA NOT NULL
  );
  CREATE TABLE updates (
    document_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id),
    seq INTEGER NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (document_id, seq)
  );
  CREATE TABLE negotiations (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL
  );
  CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    position BIGINT GENERATED ALWAYS AS IDENTITY,
    negotiation_id TEXT NOT NULL REFERENCES negotiations (id),
    role TEXT NOT NULL, delegation TEXT, label TEXT,
    created_at TIMESTAMPTZ NOT NULL, expires_at TIMESTAMPTZ NOT NULL, revoked_at TIMESTAMPTZ
  );
  CREATE INDEX invitations_by_negotiation ON invitations (negotiation_id, created_at, position);
  CREATE INDEX invitations_by_revocation ON invitations (revoked_at) WHERE revoked_at IS NOT NULL;
  CREATE TABLE persons (
    id TEXT PRIMARY KEY, invitation_id TEXT NOT NULL REFERENCES invitations (id),
    name TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL
  );
  CREATE TABLE negotiation_documents (
    document_id TEXT PRIMARY KEY, negotiation_id TEXT NOT NULL REFERENCES negotiations (id)
  );
  CREATE INDEX documents_by_negotiation ON negotiation_documents (negotiation_id);
  CREATE TABLE client_claims (
    document_id TEXT NOT NULL, client_id BIGINT NOT NULL, person_id TEXT NOT NULL,
    claimed_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (document_id, client_id)
  );
  CREATE TABLE update_provenance (
    document_id TEXT NOT NULL, seq INTEGER NOT NULL, person_id TEXT NOT NULL, delegation TEXT,
    client_ids JSONB NOT NULL, PRIMARY KEY (document_id, seq, person_id)
  );
  CREATE TABLE audit_log (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, negotiation_id TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL, person_id TEXT, name TEXT, role TEXT, delegation TEXT, action TEXT NOT NULL,
    detail JSONB NOT NULL
  );
  CREATE INDEX audit_by_negotiation ON audit_log (negotiation_id, seq);
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE revisions (
    id TEXT PRIMARY KEY, position BIGINT GENERATED ALWAYS AS IDENTITY,
    document_id TEXT NOT NULL, kind TEXT NOT NULL, symbol TEXT NOT NULL, title TEXT NOT NULL,
    date TEXT NOT NULL, language TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL, created_by TEXT NOT NULL,
    state BYTEA NOT NULL
  );
  CREATE INDEX revisions_by_document ON revisions (document_id, created_at, position);
  CREATE TABLE secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  // 2: one owner node per document (SN8): a lease with a fencing epoch that every commit checks.
  `
  CREATE TABLE document_leases (
    document_id TEXT COLLATE "C" PRIMARY KEY,
    node_id TEXT NOT NULL,
    node_url TEXT NOT NULL,
    epoch BIGINT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
  );
  `,
  // 3: how many people may sign in with an invitation (AC11), one person's session ended (AC12), and a
  // document archived or not yet released to the roster (AC13).
  `
  ALTER TABLE invitations ADD COLUMN max_people INTEGER;
  ALTER TABLE persons ADD COLUMN ended_at TIMESTAMPTZ;
  CREATE INDEX persons_by_invitation ON persons (invitation_id);
  CREATE INDEX persons_by_end ON persons (ended_at) WHERE ended_at IS NOT NULL;
  ALTER TABLE negotiation_documents ADD COLUMN archived_at TIMESTAMPTZ;
  ALTER TABLE negotiation_documents ADD COLUMN released BOOLEAN NOT NULL DEFAULT true;
  `,
];

/** The schema version this server writes and reads. */
export const POSTGRES_SCHEMA_VERSION = MIGRATIONS.length;

/** Any number, the same in every node: serializes the migrations of nodes that start at the same time. */
const MIGRATION_LOCK = 7_246_001;

/**
 * Opens a pool on `url` (`postgres://...`; `?options=-c search_path=...` selects a schema) and brings the
 * schema up to date: versioned migrations in `schema_migrations`, each applied once, under an advisory lock so
 * that several nodes starting together do not race. Refuses a database migrated by a newer server.
 */
export async function openPostgres(url: string, poolSize = 10): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client whose server went away emits 'error' on the pool; without a listener Node exits.
  pool.on('error', () => {});
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}

/**
 * Readiness (OP2): PostgreSQL answers within `timeoutMs` and its schema is at this server's version (the
 * migrations ran). Rejects with what is wrong.
 */
export async function checkPostgres(pool: pg.Pool, timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const query = pool.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM schema_migrations',
  );
  query.catch(() => {});
  try {
    const { rows } = await Promise.race([
      query,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`PostgreSQL did not answer within ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]);
    const version = rows[0]?.version ?? 0;
    if (version !== POSTGRES_SCHEMA_VERSION)
      throw new Error(`schema version ${version}, this server needs ${POSTGRES_SCHEMA_VERSION}`);
  } finally {
    clearTimeout(timer);
  }
}

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)',
    );
    const { rows } = await client.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM schema_migrations',
    );
    const current = rows[0]?.version ?? 0;
    if (current > POSTGRES_SCHEMA_VERSION)
      throw new Error(
        `database has schema version ${current}; this server supports ${POSTGRES_SCHEMA_VERSION}`,
      );
    for (let version = current + 1; version <= POSTGRES_SCHEMA_VERSION; version++) {
      await client.query(MIGRATIONS[version - 1] as string);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, now())', [version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Runs `work` in one transaction on one pooled connection: COMMIT when it resolves, ROLLBACK when it throws
 * (the error is rethrown). What `work` returns is the transaction's result.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * The token-signing secret shared by every node on this database: 32 random bytes in hex, created by whichever
 * node asks first (the others read that one), so a link issued by one node works on all of them.
 */
export async function loadOrCreatePostgresSecret(pool: pg.Pool): Promise<string> {
  await pool.query("INSERT INTO secrets (name, value) VALUES ('signing', $1) ON CONFLICT (name) DO NOTHING", [
    randomBytes(32).toString('hex'),
  ]);
  const { rows } = await pool.query<{ value: string }>("SELECT value FROM secrets WHERE name = 'signing'");
  const secret = rows[0]?.value;
  if (!secret || !/^[0-9a-f]{64}$/.test(secret))
    throw new Error('the signing secret in the database is not a 64-digit hex secret');
  return secret;
}

/** A Buffer view of the same bytes (pg binds Buffers as BYTEA). */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openPostgres } from '../persistence/postgres-database.ts';

/**
 * The PostgreSQL the tests use: `TRAVAUX_TEST_DATABASE_URL`, which `server/scripts/with-services.sh` (run by
 * `npm test`) sets, or else the standard local one (127.0.0.1:5432, trust auth, database `test`).
 */
export const TEST_DATABASE_URL =
  process.env.TRAVAUX_TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';

/** A private schema of the test database; `drop()` removes it with everything in it. */
export interface TestSchema {
  /** `TEST_DATABASE_URL` with `search_path` set to the schema: what a server's `TRAVAUX_DATABASE_URL` takes. */
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/**
 * Creates an empty schema with a unique name, so test files running in parallel (and several tests of one
 * file) never see each other's tables. Fails with a message that says how to provide PostgreSQL.
 */
export async function createTestSchema(): Promise<TestSchema> {
  const name = `travaux_test_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL for the tests is not reachable at ${TEST_DATABASE_URL} (${String(error)}). Run the tests with ` +
        '`npm test`, which finds or starts one, or set TRAVAUX_TEST_DATABASE_URL.',
    );
  }
  try {
    await admin.query(`CREATE SCHEMA ${name}`);
  } finally {
    await admin.end();
  }
  const url = withSearchPath(TEST_DATABASE_URL, name);
  return {
    url,
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * A migrated pool on a fresh schema, for store tests; `drop()` ends nothing (the store's `close()` ends the
 * pool) but removes the schema.
 */
export async function openTestPostgres(): Promise<{ pool: pg.Pool; schema: TestSchema }> {
  const schema = await createTestSchema();
  return { pool: await openPostgres(schema.url, 4), schema };
}

function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

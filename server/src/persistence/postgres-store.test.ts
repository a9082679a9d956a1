import type { DocumentId } from '@travaux/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestSchema, openTestPostgres, type TestSchema } from '../test-support/postgres.ts';
import { runDocumentStoreContract } from './document-store.contract.ts';
import { loadOrCreatePostgresSecret, openPostgres, POSTGRES_SCHEMA_VERSION } from './postgres-database.ts';
import { PostgresDocumentStore } from './postgres-store.ts';

const schemas: TestSchema[] = [];

afterAll(async () => {
  await Promise.all(schemas.map((schema) => schema.drop()));
});

async function freshSchema(): Promise<TestSchema> {
  const schema = await createTestSchema();
  schemas.push(schema);
  return schema;
}

// Each test gets a schema of its own: the contract expects an empty store.
runDocumentStoreContract('postgres', async (clock) => {
  const { pool, schema } = await openTestPostgres();
  schemas.push(schema);
  return new PostgresDocumentStore(pool, clock);
});

describe('PostgreSQL store', () => {
  it('SN2: migrates once: nodes opening the same database together share one schema and its data', async () => {
    const schema = await freshSchema();
    const pools = await Promise.all([1, 2, 3].map(() => openPostgres(schema.url, 2)));
    const [first, second, third] = pools.map((pool) => new PostgresDocumentStore(pool)) as [
      PostgresDocumentStore,
      PostgresDocumentStore,
      PostgresDocumentStore,
    ];
    await first.createDocument({ id: 'shared' as DocumentId, title: 'Shared' });
    expect((await second.getDocument('shared' as DocumentId))?.title).toBe('Shared');
    const versions = await pools[0]?.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions?.rows.map((row) => row.version)).toEqual(
      Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, i) => i + 1),
    );
    await Promise.all([first.close(), second.close(), third.close()]);
    // Reopening migrates nothing and keeps the data.
    const reopened = new PostgresDocumentStore(await openPostgres(schema.url, 1));
    expect((await reopened.listDocuments()).map((d) => d.id)).toEqual(['shared']);
    await reopened.close();
  });

  it('SN2: refuses a database migrated by a newer server', async () => {
    const schema = await freshSchema();
    const pool = await openPostgres(schema.url, 1);
    await pool.query('INSERT INTO schema_migrations (version, applied_at) VALUES (99, now())');
    await pool.end();
    await expect(openPostgres(schema.url, 1)).rejects.toThrow(
      `database has schema version 99; this server supports ${POSTGRES_SCHEMA_VERSION}`,
    );
  });

  it('SN3: numbers the log without gaps or duplicates when several nodes append to one document at once', async () => {
    const schema = await freshSchema();
    const stores = await Promise.all(
      [1, 2, 3].map(async () => new PostgresDocumentStore(await openPostgres(schema.url, 3))),
    );
    const id = 'contended' as DocumentId;
    await stores[0]?.createDocument({ id, title: 'Contended' });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        stores[i % 3]?.appendUpdates(id, [new Uint8Array([i, 0]), new Uint8Array([i, 1])]),
      ),
    );
    // Every batch got two consecutive numbers of its own.
    expect([...results].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
      Array.from({ length: 30 }, (_, i) => 2 * (i + 1)),
    );
    const loaded = await stores[1]?.loadDocument(id);
    expect(loaded?.lastSeq).toBe(60);
    const updates = loaded?.updates ?? [];
    for (let i = 0; i < 60; i += 2) {
      // The two updates of one batch sit next to each other, in order.
      expect(updates[i]?.[0]).toBe(updates[i + 1]?.[0]);
      expect([updates[i]?.[1], updates[i + 1]?.[1]]).toEqual([0, 1]);
    }
    await Promise.all(stores.map((store) => store.close()));
  });

  it('SN4: the signing secret lives in the database: every node reads the one the first created', async () => {
    const schema = await freshSchema();
    const [one, two] = await Promise.all([openPostgres(schema.url, 2), openPostgres(schema.url, 2)]);
    const [first, second] = await Promise.all([
      loadOrCreatePostgresSecret(one),
      loadOrCreatePostgresSecret(two),
    ]);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(second).toBe(first);
    expect(await loadOrCreatePostgresSecret(two)).toBe(first);
    await Promise.all([one.end(), two.end()]);
  });
});

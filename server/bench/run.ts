import { performance } from 'node:perf_hooks';
import {
  diffTreaties,
  parseTreatyText,
  readTreaty,
  serializeTreatyText,
  treatySchema,
} from '@travaux/shared';
import { EditorState } from 'prosemirror-state';
import { readingToDocx } from '../src/revisions/docx.ts';
import { generateConvention, generateConventionText } from './convention.ts';

/**
 * `pnpm bench`: the benchmarks with budgets stated in the issues. Prints a markdown table. Not part of the test
 * command: timings depend on the machine; the budgets are checked here and reported, never asserted in tests.
 */

interface Result {
  readonly name: string;
  readonly median: number;
  readonly p95: number;
  readonly budget: number | null;
}

function measure(name: string, runs: number, budget: number | null, fn: () => void): Result {
  for (let i = 0; i < 3; i++) fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    name,
    median: times[Math.floor(times.length / 2)]!,
    p95: times[Math.floor(times.length * 0.95)]!,
    budget,
  };
}

/** `measure` for asynchronous work (the Word file is packed asynchronously). */
async function measureAsync(name: string, runs: number, budget: number | null, fn: () => Promise<unknown>) {
  for (let i = 0; i < 2; i++) await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    name,
    median: times[Math.floor(times.length / 2)]!,
    p95: times[Math.floor(times.length * 0.95)]!,
    budget,
  };
}

const older = generateConvention();
let words = 0;
older.descendants((node) => {
  if (node.isText) words += (node.text!.match(/\S+/g) ?? []).length;
  return true;
});
// Rev.2: every 25th paragraph edited, a few paragraphs moved and inserted, as a round of negotiation would.
const tr = EditorState.create({ schema: treatySchema, doc: older }).tr;
let count = 0;
older.descendants((node, pos) => {
  if (node.type.name === 'body' && count++ % 25 === 0) {
    tr.insertText(' as amended in the informal consultations', tr.mapping.map(pos + node.nodeSize - 1));
  }
  return true;
});
const newer = tr.doc;
const empty = new Map();
const text = generateConventionText();

const results = [
  measure('diff of two revisions (30,000 words, 70 articles)', 15, 150, () =>
    diffTreaties({ doc: older, records: empty }, { doc: newer, records: empty }),
  ),
  measure('plain-text import of the convention', 10, null, () => parseTreatyText(text)),
  measure('plain-text export of the convention', 10, null, () => serializeTreatyText(older)),
  // RV14: the Word file of the whole text, read once and packed (masthead, styles, tracked changes).
  await measureAsync('Word file of the whole text', 5, 1000, () =>
    readingToDocx(readTreaty(newer), {
      symbol: 'A/AC.291/22/Rev.2',
      title: 'Convention',
      date: '2026-12-05',
      language: 'en',
      subtitle: null,
    }),
  ),
];

const lines = [
  `Convention: ${words} words, 70 articles. Node ${process.version}.`,
  '',
  '| benchmark | median (ms) | p95 (ms) | budget (ms) | within budget |',
  '| --- | ---: | ---: | ---: | --- |',
  ...results.map(
    (r) =>
      `| ${r.name} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.budget ?? '—'} | ${r.budget === null ? '—' : r.median <= r.budget ? 'yes' : 'NO'} |`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n`);

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureDiffView } from './diff-view.bench.ts';
import { measureKeystrokeToPaint } from './keystroke.bench.ts';

/** `TRAVAUX_BENCH_BROWSER=keystroke` (or `diff`) runs one of the two measures only. */
const only = process.env.TRAVAUX_BENCH_BROWSER;
const diff = only === 'keystroke' ? null : await measureDiffView();
const keys = only === 'diff' ? null : await measureKeystrokeToPaint();
process.stdout.write(
  [
    '',
    '| browser benchmark | median (ms) | p95 / max (ms) | budget (ms) | within budget |',
    '| --- | ---: | ---: | ---: | --- |',
    ...(diff
      ? [
          `| open the diff view of two revisions of the convention (Chromium) | ${diff.median.toFixed(0)} | max ${diff.max.toFixed(0)} | 1000 | ${diff.median <= 1000 ? 'yes' : 'NO'} |`,
        ]
      : []),
    ...(keys?.unthrottled
      ? [
          `| keystroke to paint, 30,000-word convention, 20 remote peers typing (${keys.unthrottled.samples} keys; frames unthrottled: the page's own latency) | ${keys.unthrottled.p50.toFixed(1)} | p95 ${keys.unthrottled.p95.toFixed(1)} | p95 16 | ${keys.unthrottled.p95 <= 16 ? 'yes' : 'NO'} |`,
        ]
      : []),
    ...(keys?.display
      ? [
          `| the same at the display's 60 Hz (the wait for the next tick included) | ${keys.display.p50.toFixed(1)} | p95 ${keys.display.p95.toFixed(1)} | — | — |`,
        ]
      : []),
    ...(['unthrottled', 'display'] as const).flatMap((mode) => {
      const measured = keys?.[mode];
      const label = mode === 'display' ? '60 Hz' : 'unthrottled';
      return measured
        ? [
            `| the editor's work per keystroke (key event to DOM updated), ${label} | ${measured.workP50.toFixed(1)} | p95 ${measured.workP95.toFixed(1)} | — | — |`,
            `| floor: keystroke to paint in a bare contenteditable, same browser, peers still typing, ${label} | ${measured.floor.p50.toFixed(1)} | p95 ${measured.floor.p95.toFixed(1)} | — | — |`,
          ]
        : [];
    }),
    '',
  ].join('\n'),
);

const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench-results');
mkdirSync(out, { recursive: true });
const file = join(out, `browser-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify({ diffView: diff, keystroke: keys }, null, 2)}\n`);
process.stdout.write(`Written to ${file}\n`);

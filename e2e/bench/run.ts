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
    ...(keys
      ? [
          `| keystroke to paint, 30,000-word convention, 20 remote peers typing (${keys.samples} keys) | ${keys.p50.toFixed(1)} | p95 ${keys.p95.toFixed(1)} | p95 16 | ${keys.p95 <= 16 ? 'yes' : 'NO'} |`,
        ]
      : []),
    '',
  ].join('\n'),
);

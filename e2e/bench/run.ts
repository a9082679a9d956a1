import { measureDiffView } from './diff-view.bench.ts';

const { median, max } = await measureDiffView();
process.stdout.write(
  [
    '',
    '| browser benchmark | median (ms) | max (ms) | budget (ms) | within budget |',
    '| --- | ---: | ---: | ---: | --- |',
    `| open the diff view of two revisions of the convention (Chromium) | ${median.toFixed(0)} | ${max.toFixed(0)} | 1000 | ${median <= 1000 ? 'yes' : 'NO'} |`,
    '',
  ].join('\n'),
);

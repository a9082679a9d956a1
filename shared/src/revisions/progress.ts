import { STATUS_LABEL } from '../status/model.ts';
import type { TreatyDiff } from './diff.ts';

/**
 * BR8, SS1 in a diff's summary, as one sentence for the diff page and its print and Word exports: "Brackets 12 →
 * 7, options 4 → 2 (2 → 1 groups). Status: Article 1, paragraph 2 open → agreed ad ref."
 */
export function progressLine(summary: TreatyDiff['summary']): string {
  const { before, after } = summary.brackets;
  let line = `Brackets ${before.brackets} → ${after.brackets}, options ${before.options} → ${after.options} (${before.groups} → ${after.groups} groups).`;
  if (summary.statusChanges.length > 0) {
    const changes = summary.statusChanges.map(
      (change) =>
        `${change.location} ${STATUS_LABEL[change.from].toLowerCase()} → ${STATUS_LABEL[change.to].toLowerCase()}`,
    );
    line += ` Status: ${changes.join('; ')}.`;
  }
  return line;
}

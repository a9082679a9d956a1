import { proposerName } from '../proposals/attribution.ts';
import type { BracketRecord } from './model.ts';

/**
 * BR7: where a bracket's text came from, as a chair's report says it: "derived from Option 2 (Mexico)", "...,
 * as amended by the chair" when `currentText` differs from the option's text at the time, "merged from
 * Options 1 (Russian Federation) and 2 (Mexico)". Null for a bracket that was not derived from options.
 */
export function bracketProvenance(record: BracketRecord, currentText: string): string | null {
  const derivation = record.derivedFrom;
  if (!derivation || derivation.options.length === 0) return null;
  const named = derivation.options.map((option) => `${option.n} (${proposerName(option.delegation)})`);
  let line =
    named.length === 1
      ? `derived from Option ${named[0]}`
      : `merged from Options ${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
  if (normalise(currentText) !== normalise(derivation.text)) line += ', as amended by the chair';
  return line;
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/** "Russian Federation", or "the Chair": who asked for a bracket. */
export function bracketOwnerName(record: Pick<BracketRecord, 'delegation'>): string {
  return proposerName(record.delegation);
}

import type { ReadingBlockKind, TreatyReading } from './model.ts';
import {
  blockNotation,
  blockProposalNote,
  notationText,
  type OpenProposals,
  showsBlock,
  statusWords,
} from './notation.ts';

/** One line of a reader-facing view of the text: a heading or a numbered block, in the notation of RD2. */
export interface ViewLine {
  readonly kind: ReadingBlockKind;
  /** "Article 3", "2.", "(a)", "PP1", "5 alt" ('' when unnumbered). */
  readonly label: string;
  /** The block's text in the conventional notation: brackets, "Option n:", open proposals as chosen. */
  readonly text: string;
  /** 0 for headings and paragraphs, 1 for subparagraphs, 2 for clauses. */
  readonly level: number;
  /** The status in words ("agreed ad ref"), '' when open (SS1, RD2). */
  readonly status: string;
  /** For a block an open proposal adds or would remove: "Russian Federation: new paragraph" (RD3). */
  readonly proposal: string | null;
}

/**
 * RD2, RD3: the bracketed view of a reading, the text as the negotiation stands: every bracket, option and
 * alternative in the conventional notation, the status in words, open proposals attributed
 * ("[Russian Federation: ...]") or left out, as `proposals` says. Nothing escaped, no status markers.
 */
export function bracketedView(
  reading: TreatyReading,
  proposals: Exclude<OpenProposals, 'inline'>,
): ViewLine[] {
  return reading.blocks
    .filter((block) => showsBlock(block, reading, proposals))
    .map((block) => ({
      kind: block.kind,
      label: block.label,
      text: notationText(blockNotation(block, reading, proposals)),
      level: block.level,
      status: statusWords(block),
      proposal: proposals === 'attributed' ? blockProposalNote(block, reading) : null,
    }));
}

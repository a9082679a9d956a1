import { proposerName } from '../proposals/attribution.ts';
import { STATUS_LABEL } from '../status/model.ts';
import type { ReadingBlock, ReadingRun, TreatyReading } from './model.ts';

/**
 * The conventional notation of a block for readers (RD2, UN Editorial Manual): square brackets, "Option n:"
 * labels, open proposals attributed or left out, status in words. Unlike the plain-text format (TX rules) it
 * escapes nothing: a reader-facing view never shows `\[` or `{ad ref}`.
 */

/** How a view shows open proposals: as text among the rest (diffs mark them themselves), attributed, or not. */
export type OpenProposals = 'inline' | 'attributed' | 'omitted';

/** A piece of a block as read: characters of the text (with their run), or notation the reading adds. */
export interface NotationPiece {
  readonly text: string;
  /** The run the characters come from; null for notation ("[", "Option 2: ", "]", "Russian Federation: "). */
  readonly run: ReadingRun | null;
  /** For the notation of a bracket: its id (null for a block bracket's `]` and for proposal notation). */
  readonly bracket?: string | null;
}

const isOpen = (reading: TreatyReading, proposal: string | null) =>
  proposal !== null && reading.proposals.get(proposal)?.status === 'open';

/** "Russian Federation", or "Chair": who an open proposal is from, for attributed notation. */
export function proposalAuthorName(reading: TreatyReading, proposal: string): string {
  const delegation = reading.proposals.get(proposal)?.delegation ?? null;
  return delegation === null ? 'Chair' : proposerName(delegation);
}

/**
 * RD2: the pieces of `block` in the conventional notation: block brackets around it (opened here, closed
 * after its last descendant, TX14), inline brackets and option labels (TX12, TX13), and open proposals as
 * `mode` says ("[Russian Federation: text]" when attributed). Concatenated, the text pieces are the block's
 * text, less what `omitted` leaves out.
 */
export function blockNotation(
  block: ReadingBlock,
  reading: TreatyReading,
  mode: OpenProposals = 'inline',
): NotationPiece[] {
  const pieces: NotationPiece[] = [];
  const note = (text: string, bracket: string | null = null) => pieces.push({ text, run: null, bracket });
  // Attributed views name each option's owner: "[Option 2 (Mexico): ...]".
  const ownerOf = (bracket: string) => {
    const record = reading.brackets.get(bracket);
    return mode === 'attributed' && record
      ? ` (${record.delegation === null ? 'Chair' : proposerName(record.delegation)})`
      : '';
  };
  for (const open of block.opens) note('[', open.id);
  let current: string[] = [];
  let proposal: string | null = null;
  const closeProposal = () => {
    if (proposal !== null) note(']');
    proposal = null;
  };
  for (const run of block.runs) {
    const ids = run.brackets.map((bracket) => bracket.id);
    let common = 0;
    while (common < current.length && common < ids.length && current[common] === ids[common]) common++;
    if (common < current.length) closeProposal();
    for (let index = current.length - 1; index >= common; index--) note(']', current[index]!);
    for (const bracket of run.brackets.slice(common)) {
      closeProposal();
      note(bracket.option !== null ? `[Option ${bracket.option}${ownerOf(bracket.id)}: ` : '[', bracket.id);
    }
    current = ids;
    // An option's own text is a proposal of the option's owner (BR5): the option's label already names it.
    const option = [...run.brackets].reverse().find((bracket) => bracket.option !== null);
    const ownText =
      mode === 'attributed' &&
      option !== undefined &&
      run.insertion !== null &&
      reading.brackets.get(option.id)?.delegation === reading.proposals.get(run.insertion)?.delegation;
    const inserted = isOpen(reading, run.insertion) && !ownText ? run.insertion : null;
    const deleted = isOpen(reading, run.deletion) ? run.deletion : null;
    if (mode === 'omitted' && isOpen(reading, run.insertion)) continue;
    // A space alone (between two options, say) is not worth an attribution of its own.
    const blank = run.text.trim() === '';
    if (mode === 'attributed' && (inserted || deleted) && !(blank && proposal === null)) {
      const key = inserted ? `+${inserted}` : `-${deleted}`;
      if (proposal !== key && !blank) {
        closeProposal();
        note(`[${proposalAuthorName(reading, (inserted ?? deleted)!)}: ${inserted ? '' : 'delete '}`);
        proposal = key;
      }
    } else closeProposal();
    pieces.push({ text: run.text, run });
  }
  closeProposal();
  for (let index = current.length - 1; index >= 0; index--) note(']', current[index]!);
  for (let n = 0; n < block.closes; n++) note(']');
  return pieces;
}

/** The text of notation pieces, joined. */
export function notationText(pieces: readonly NotationPiece[]): string {
  return pieces.map((piece) => piece.text).join('');
}

/**
 * SS1, SS6 in words, for every output: "" for an open paragraph, "agreed ad ref", "agreed in informals,
 * pending Mexico", "adopted (package A)".
 */
export function statusWords(block: Pick<ReadingBlock, 'status' | 'pending' | 'package'>): string {
  if (block.status === 'open') return '';
  let words = STATUS_LABEL[block.status].toLowerCase();
  if (block.pending.length > 0) words += `, pending ${block.pending.map(proposerName).join(', ')}`;
  if (block.package) words += ` (package ${block.package})`;
  return words;
}

/**
 * Whether a view that shows open proposals as `mode` says shows `block`: a block an open proposal adds is
 * left out when open proposals are omitted (nothing is agreed until the chair decides, PR7).
 */
export function showsBlock(block: ReadingBlock, reading: TreatyReading, mode: OpenProposals): boolean {
  return !(mode === 'omitted' && isOpen(reading, block.inserted));
}

/**
 * The attribution of a whole block an open proposal adds or would remove, for attributed views:
 * "Russian Federation: new paragraph", "European Union: delete the paragraph"; null otherwise.
 */
export function blockProposalNote(block: ReadingBlock, reading: TreatyReading): string | null {
  if (isOpen(reading, block.inserted))
    return `${proposalAuthorName(reading, block.inserted!)}: new ${block.kind === 'article' ? 'article' : 'paragraph'}`;
  if (isOpen(reading, block.deleted))
    return `${proposalAuthorName(reading, block.deleted!)}: delete the ${block.kind === 'article' ? 'article' : 'paragraph'}`;
  return null;
}

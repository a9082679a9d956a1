import type { Node } from 'prosemirror-model';
import type { ReadingBlock } from '../reading/model.ts';
import { readTreaty } from '../reading/read.ts';
import type { ParagraphStatus } from '../status/model.ts';

/** One line of the clean view: a heading or a numbered block with the text agreed so far. */
export interface CleanLine {
  readonly kind: 'title' | 'preamble' | 'chapter' | 'division' | 'article' | 'heading' | 'block';
  /** "Article 3", "2.", "(a)", "PP1", "5 alt" ... ('' when unnumbered). */
  readonly label: string;
  readonly text: string;
  /** The status of the paragraph the line belongs to (SS1). */
  readonly status: ParagraphStatus;
  /** Nesting: 0 for headings and paragraphs, 1 for subparagraphs, 2 for clauses. */
  readonly level: number;
  /** Whether the whole block is still bracketed (then its text is left out). */
  readonly bracketed: boolean;
}

/** What stands in the clean view where bracketed text was left out. */
export const ELIDED = '…';

/**
 * The clean view (issue 5), a view of the reading (RD1): the text as agreed so far. Bracketed passages are left
 * out (one `…` each), text that an open proposal would add is left out and text it would delete is kept
 * (nothing is agreed until the chair decides), bracketed blocks keep their number with an empty text, blocks an
 * open proposal adds are left out.
 */
export function cleanTreatyText(doc: Node, isOpenProposal: (id: string) => boolean): CleanLine[] {
  const reading = readTreaty(doc);
  const lines: CleanLine[] = [];
  const textOf = (block: ReadingBlock): string => {
    let out = '';
    let elided = false;
    for (const run of block.runs) {
      if (run.brackets.length > 0) {
        if (!elided) out += ELIDED;
        elided = true;
        continue;
      }
      if (run.insertion && isOpenProposal(run.insertion)) continue;
      elided = false;
      out += run.text;
    }
    // Options side by side ("[A] [B]") are one passage left out.
    return out.replace(new RegExp(`${ELIDED}(\\s*${ELIDED})+`, 'g'), ELIDED).replace(/ {2,}/g, ' ');
  };
  // Block brackets open around the block being read: the `end` index of each in the reading.
  let bracketDepth = 0;
  for (const block of reading.blocks) {
    bracketDepth += block.opens.length;
    const bracketed = bracketDepth > 0;
    bracketDepth -= block.closes;
    if (block.inserted && isOpenProposal(block.inserted)) continue;
    switch (block.kind) {
      case 'title':
        lines.push({
          kind: 'title',
          label: '',
          text: block.text,
          status: 'open',
          level: 0,
          bracketed: false,
        });
        break;
      case 'preamble':
        lines.push({
          kind: 'preamble',
          label: 'Preamble',
          text: '',
          status: 'open',
          level: 0,
          bracketed: false,
        });
        break;
      case 'chapter':
      case 'division':
      case 'article':
        lines.push({ kind: block.kind, label: block.label, text: '', status: 'open', level: 0, bracketed });
        lines.push({
          kind: 'heading',
          label: '',
          text: bracketed ? '' : textOf(block),
          status: 'open',
          level: 0,
          bracketed,
        });
        break;
      default:
        lines.push({
          kind: 'block',
          label: block.label,
          text: bracketed ? '' : textOf(block),
          status: block.status,
          level: block.level,
          bracketed,
        });
    }
  }
  return lines;
}

import type { Node } from 'prosemirror-model';
import { numberTreaty } from '../numbering.ts';
import { MarkName, NodeName } from '../schema.ts';
import { type ParagraphStatus, statusOf } from '../status/model.ts';

/** One line of the clean view: a heading or a numbered block with the text agreed so far. */
export interface CleanLine {
  readonly kind: 'title' | 'preamble' | 'chapter' | 'article' | 'heading' | 'block';
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
 * The clean view (issue 5): the text as agreed so far. Bracketed passages are left out (one `…` each), text
 * that an open proposal would add is left out and text it would delete is kept (nothing is agreed until the
 * chair decides), bracketed blocks keep their number with an empty text.
 */
export function cleanTreatyText(doc: Node, isOpenProposal: (id: string) => boolean): CleanLine[] {
  const labels = new Map<number, string>();
  for (const block of numberTreaty(doc)) labels.set(block.pos, block.label);
  const lines: CleanLine[] = [];
  const textOf = (node: Node): string => {
    let out = '';
    let elided = false;
    node.forEach((child) => {
      if (!child.isText) return;
      if (child.marks.some((mark) => mark.type.name === MarkName.bracket)) {
        if (!elided) out += ELIDED;
        elided = true;
        return;
      }
      const insertion = child.marks.find((mark) => mark.type.name === MarkName.insertion);
      if (insertion && isOpenProposal(String(insertion.attrs.proposal))) return;
      elided = false;
      out += child.text ?? '';
    });
    // Options side by side ("[A] [B]") are one passage left out.
    return out.replace(new RegExp(`${ELIDED}(\\s*${ELIDED})+`, 'g'), ELIDED).replace(/ {2,}/g, ' ');
  };
  const proposedBlock = (node: Node) =>
    typeof node.attrs.inserted === 'string' && isOpenProposal(node.attrs.inserted);
  const visit = (node: Node, pos: number, status: ParagraphStatus, level: number, bracketed: boolean) => {
    const name = node.type.name;
    if (proposedBlock(node)) return;
    const inBracket = bracketed || Boolean(node.attrs.bracket);
    const here =
      name === NodeName.paragraph || name === NodeName.preambularParagraph ? statusOf(node) : status;
    const label = labels.get(pos) ?? '';
    if (name === NodeName.title)
      lines.push({ kind: 'title', label: '', text: node.textContent, status, level: 0, bracketed: false });
    else if (name === NodeName.preamble && node.childCount > 0)
      lines.push({ kind: 'preamble', label: 'Preamble', text: '', status, level: 0, bracketed: false });
    else if (name === NodeName.chapter || name === NodeName.article)
      lines.push({ kind: name, label, text: '', status, level: 0, bracketed: inBracket });
    else if (name === NodeName.chapterHeading || name === NodeName.articleHeading)
      lines.push({
        kind: 'heading',
        label: '',
        text: inBracket ? '' : textOf(node),
        status,
        level: 0,
        bracketed: inBracket,
      });
    else if (name === NodeName.preambularParagraph)
      lines.push({
        kind: 'block',
        label,
        text: inBracket ? '' : textOf(node),
        status: here,
        level: 0,
        bracketed: inBracket,
      });
    else if (name === NodeName.paragraph || name === NodeName.subparagraph || name === NodeName.clause) {
      const level = name === NodeName.paragraph ? 0 : name === NodeName.subparagraph ? 1 : 2;
      const body = node.firstChild!;
      lines.push({
        kind: 'block',
        label,
        text: inBracket ? '' : textOf(body),
        status: here,
        level,
        bracketed: inBracket,
      });
    }
    if (node.isTextblock) return;
    node.forEach((child, offset) => {
      visit(child, pos + 1 + offset, here, level, inBracket);
    });
  };
  doc.forEach((child, offset) => {
    visit(child, offset, 'open', 0, false);
  });
  return lines;
}

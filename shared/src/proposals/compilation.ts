import type { Node } from 'prosemirror-model';
import type * as Y from 'yjs';
import { treatyFromYDoc } from '../convert.ts';
import { numberTreaty } from '../numbering.ts';
import { MarkName, NodeName } from '../schema.ts';
import { attributionLine } from './attribution.ts';
import { readPositions, readProposals } from './model.ts';

/** The text of a block as agreed so far: proposed insertions left out, proposed deletions kept. */
function baseText(node: Node): string {
  let text = '';
  node.descendants((child) => {
    if (child.isText && !child.marks.some((mark) => mark.type.name === MarkName.insertion))
      text += child.text ?? '';
    return true;
  });
  return text;
}

/** The block as it would read with one proposal applied (and no other). */
function withProposal(node: Node, proposal: string): string {
  let text = '';
  node.descendants((child) => {
    if (!child.isText) return true;
    const insertion = child.marks.find((mark) => mark.type.name === MarkName.insertion);
    const deletion = child.marks.find((mark) => mark.type.name === MarkName.deletion);
    if (insertion && insertion.attrs.proposal !== proposal) return false;
    if (deletion && deletion.attrs.proposal === proposal) return false;
    text += child.text ?? '';
    return false;
  });
  return text;
}

/**
 * PR12: the compilation of proposals as plain text, the way a secretariat prints one: for every paragraph with
 * open proposals, its base text, then each proposal with its attribution formula and the paragraph as the
 * proposal would make it read.
 */
export function compileProposals(ydoc: Y.Doc): string {
  const doc = treatyFromYDoc(ydoc);
  const records = readProposals(ydoc);
  const labels = new Map(numberTreaty(doc).map((block) => [block.pos, block.label]));
  const lines: string[] = [
    `Compilation of proposals: ${doc.firstChild?.textContent.trim() || 'Untitled draft'}`,
    '',
  ];
  let article = 'Preamble';
  let count = 0;
  doc.descendants((node, pos) => {
    if (node.type.name === NodeName.article) {
      article = `${labels.get(pos) ?? 'Article'}${node.firstChild?.textContent ? ` (${node.firstChild.textContent})` : ''}`;
      return true;
    }
    const isBlock = node.type.name === NodeName.paragraph || node.type.name === NodeName.preambularParagraph;
    if (!isBlock) return true;
    const proposals = new Set<string>();
    for (const key of ['inserted', 'deleted'] as const)
      if (node.attrs[key]) proposals.add(String(node.attrs[key]));
    node.descendants((child) => {
      for (const mark of child.marks) proposals.add(String(mark.attrs.proposal));
      return true;
    });
    const open = [...proposals].filter((id) => records.get(id)?.status === 'open');
    if (open.length === 0) return false;
    const label = labels.get(pos) ?? '';
    lines.push(`${article}, ${label ? `paragraph ${label.replace(/\.$/, '')}` : 'sole paragraph'}`);
    lines.push(`  Text: ${node.attrs.inserted ? '(new paragraph)' : baseText(node)}`);
    for (const id of open) {
      const record = records.get(id)!;
      const what =
        node.attrs.deleted === id
          ? 'delete the paragraph'
          : node.attrs.inserted === id
            ? 'add the paragraph'
            : 'amend';
      lines.push(`  Proposal by ${attributionLine(record, readPositions(ydoc, id))} (${what}):`);
      lines.push(`    ${node.attrs.deleted === id ? '[paragraph deleted]' : withProposal(node, id)}`);
      if (record.note) lines.push(`    Note: ${record.note}`);
      count++;
    }
    lines.push('');
    return false;
  });
  if (count === 0) lines.push('No open proposals.');
  return `${lines.join('\n').trimEnd()}\n`;
}

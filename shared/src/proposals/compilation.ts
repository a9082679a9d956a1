import type * as Y from 'yjs';
import { readBrackets } from '../brackets/model.ts';
import { treatyFromYDoc } from '../convert.ts';
import type { ReadingBlock, ReadingRun, TreatyReading } from '../reading/model.ts';
import { blockNotation, notationText } from '../reading/notation.ts';
import { readTreaty } from '../reading/read.ts';
import { attributionLine } from './attribution.ts';
import { type ProposalRecord, readPositions, readProposals } from './model.ts';

/** One block of a compiled paragraph: its label and text, at its level (paragraph 0, subparagraph 1, clause 2). */
export interface CompiledLine {
  readonly label: string;
  readonly text: string;
  readonly level: number;
}

/** One open proposal on a paragraph, as a compilation prints it (PR12). */
export interface CompiledProposal {
  readonly id: string;
  /** PR10: "Russian Federation (co-sponsored by Belarus), supported by ...". */
  readonly attribution: string;
  readonly what: 'amend' | 'add the paragraph' | 'delete the paragraph';
  /** The paragraph as the proposal would make it read, block by block. */
  readonly lines: readonly CompiledLine[];
  readonly note: string;
}

/** A paragraph with open proposals: where it is, its base text and each proposal. */
export interface CompilationEntry {
  /** "Article 6 (Scope), paragraph 2", "Preamble, PP3". */
  readonly location: string;
  /** The base text (open insertions left out, open deletions kept); empty for a proposed new paragraph. */
  readonly base: readonly CompiledLine[];
  readonly proposals: readonly CompiledProposal[];
}

/** The compilation of the open proposals of a text (PR12). */
export interface Compilation {
  readonly title: string;
  readonly entries: readonly CompilationEntry[];
}

/** The blocks of a reading grouped by paragraph (a paragraph or preambular paragraph with its blocks). */
function paragraphsOf(reading: TreatyReading): { heading: string; blocks: ReadingBlock[] }[] {
  const out: { heading: string; blocks: ReadingBlock[] }[] = [];
  let heading = '';
  for (const block of reading.blocks) {
    if (block.kind === 'article') heading = block.text ? `${block.label} (${block.text})` : block.label;
    // ST8: a preamble formula is compiled as a paragraph of its own.
    if (
      block.kind === 'paragraph' ||
      block.kind === 'preambular_paragraph' ||
      block.kind === 'preamble_opening' ||
      block.kind === 'preamble_closing'
    )
      out.push({ heading, blocks: [block] });
    else if ((block.kind === 'subparagraph' || block.kind === 'clause') && out.length > 0)
      out[out.length - 1]!.blocks.push(block);
  }
  return out;
}

/** `block` read with only the runs `keep` keeps, in the notation (brackets and options, RD2). */
function lineOf(
  block: ReadingBlock,
  reading: TreatyReading,
  keep: (run: ReadingRun) => boolean,
): CompiledLine {
  const pieces = blockNotation({ ...block, runs: block.runs.filter(keep) }, reading, 'inline');
  return { label: block.label, text: notationText(pieces), level: block.level };
}

/**
 * PR12: the compilation of proposals, read from the one reading of the text (RD1): for every paragraph with
 * open proposals, its base text block by block (proposed insertions left out, proposed deletions kept), then
 * each open proposal with its attribution formula and the paragraph as that proposal would make it read.
 */
export function compilationOf(ydoc: Y.Doc): Compilation {
  const records = readProposals(ydoc);
  const reading = readTreaty(treatyFromYDoc(ydoc), { proposals: records, brackets: readBrackets(ydoc) });
  const open = (id: string | null): id is string => id !== null && records.get(id)?.status === 'open';
  const entries: CompilationEntry[] = [];
  for (const { heading, blocks } of paragraphsOf(reading)) {
    const ids = new Set<string>();
    for (const block of blocks) {
      for (const id of [block.inserted, block.deleted]) if (open(id)) ids.add(id);
      for (const run of block.runs) for (const id of [run.insertion, run.deletion]) if (open(id)) ids.add(id);
    }
    if (ids.size === 0) continue;
    const first = blocks[0]!;
    const location =
      first.kind === 'preambular_paragraph'
        ? first.location
        : first.kind === 'preamble_opening' || first.kind === 'preamble_closing'
          ? `Preamble, ${first.kind === 'preamble_opening' ? 'opening' : 'closing'} formula`
          : `${heading || first.article}, ${first.label ? `paragraph ${first.label.replace(/\.$/, '')}` : 'sole paragraph'}`;
    const base = blocks
      .filter((block) => !open(block.inserted))
      .map((block) => lineOf(block, reading, (run) => !open(run.insertion)));
    const proposals = [...ids].map((id): CompiledProposal => {
      const record = records.get(id) as ProposalRecord;
      const what =
        first.deleted === id ? 'delete the paragraph' : first.inserted === id ? 'add the paragraph' : 'amend';
      const lines =
        what === 'delete the paragraph'
          ? []
          : blocks
              .filter((block) => !open(block.inserted) || block.inserted === id)
              .filter((block) => block.deleted !== id)
              .map((block) =>
                lineOf(
                  block,
                  reading,
                  (run) => !(open(run.insertion) && run.insertion !== id) && run.deletion !== id,
                ),
              );
      return {
        id,
        attribution: attributionLine(record, readPositions(ydoc, id)),
        what,
        lines,
        note: record.note,
      };
    });
    entries.push({ location, base, proposals });
  }
  return { title: reading.title.trim() || 'Untitled draft', entries };
}

const indent = (line: CompiledLine, depth: number) =>
  `${'  '.repeat(depth + line.level)}${line.label ? `${line.label} ` : ''}${line.text}`;

/** PR12: a compilation as plain text, each block of a paragraph on its own line (never glued together). */
export function compilationText(compilation: Compilation): string {
  const lines = [`Compilation of proposals: ${compilation.title}`, ''];
  for (const entry of compilation.entries) {
    lines.push(entry.location);
    if (entry.base.length === 0) lines.push('  Text: (new paragraph)');
    else {
      lines.push('  Text:');
      for (const line of entry.base) lines.push(indent(line, 2));
    }
    for (const proposal of entry.proposals) {
      lines.push(`  Proposal by ${proposal.attribution} (${proposal.what}):`);
      if (proposal.what === 'delete the paragraph') lines.push('    [paragraph deleted]');
      for (const line of proposal.lines) lines.push(indent(line, 2));
      if (proposal.note) lines.push(`    Note: ${proposal.note}`);
    }
    lines.push('');
  }
  if (compilation.entries.length === 0) lines.push('No open proposals.');
  return `${lines.join('\n').trimEnd()}\n`;
}

/** PR12: the compilation of proposals of `ydoc` as plain text, the way a secretariat prints one. */
export function compileProposals(ydoc: Y.Doc): string {
  return compilationText(compilationOf(ydoc));
}

import type { Mark, Node } from 'prosemirror-model';
import { bracketProvenance } from '../brackets/provenance.ts';
import { scanBrackets } from '../brackets/scan.ts';
import { locationLabel, walkTreaty } from '../locate.ts';
import { blockGroupKey, isAlternative, numberTreaty } from '../numbering.ts';
import { MarkName, NodeName } from '../schema.ts';
import { type ParagraphStatus, parsePackageName, parsePending, parseStatus } from '../status/model.ts';
import {
  type BlockBracket,
  NO_RECORDS,
  type ReadingBlock,
  type ReadingBlockKind,
  type ReadingBracket,
  type ReadingProposal,
  type ReadingRecords,
  type ReadingRun,
  type RunBracket,
  type TreatyReading,
} from './model.ts';

/** Type-level exhaustiveness: a node or mark type added to the schema and not read here fails to compile. */
function unread(name: never): never {
  throw new Error(`the reading does not know the schema's ${String(name)}`);
}

const string = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** The annotations of one text node: one case per mark of the schema (RD1). */
function runOf(node: Node, bracketOf: (mark: Mark) => RunBracket): ReadingRun {
  let insertion: string | null = null;
  let deletion: string | null = null;
  const brackets: RunBracket[] = [];
  for (const mark of node.marks) {
    const name = mark.type.name as MarkName;
    switch (name) {
      case MarkName.insertion:
        insertion = String(mark.attrs.proposal);
        break;
      case MarkName.deletion:
        deletion = String(mark.attrs.proposal);
        break;
      case MarkName.bracket:
        brackets.push(bracketOf(mark));
        break;
      default:
        unread(name);
    }
  }
  return { text: node.text ?? '', insertion, deletion, brackets };
}

/** NU8: the id of the block `node` (at `pos`) is an alternative to, or null. */
function alternativeOf(doc: Node, node: Node, pos: number): string | null {
  if (!node.attrs.bracketGroup) return null;
  const $pos = doc.resolve(pos);
  const index = $pos.index();
  const previous = index > 0 ? $pos.parent.child(index - 1) : null;
  return previous && isAlternative(node, previous) ? string(previous.attrs.id) : null;
}

interface Enclosing {
  readonly end: number;
  readonly inserted: string | null;
  readonly deleted: string | null;
  readonly status: ParagraphStatus;
  readonly pending: ReadingBlock['pending'];
  readonly package: string | null;
}

/**
 * RD1: reads `doc` with its `records` into one `TreatyReading`: every block with text of its own, in document
 * order, with its number, location, level, status, block-level proposals and brackets, and its text as runs
 * carrying every mark. Every character of every textblock is in exactly one run of one block.
 */
export function readTreaty(doc: Node, records: ReadingRecords = NO_RECORDS): TreatyReading {
  const scan = scanBrackets(doc);
  const depth = (id: string) => scan.byId.get(id)?.depth ?? 0;
  const bracketOf = (mark: Mark): RunBracket => {
    const id = String(mark.attrs.id);
    const span = scan.byId.get(id);
    return { id, key: span?.key ?? string(mark.attrs.group) ?? id, option: span?.option ?? null };
  };
  const labels = new Map(numberTreaty(doc).map((block) => [block.pos, block.label]));
  const blocks: ReadingBlock[] = [];
  const textblockEnds: number[] = [];
  const openBrackets: { end: number; block: number }[] = [];
  const stack: Enclosing[] = [];

  const runsOf = (textblock: Node | null): ReadingRun[] => {
    const runs: ReadingRun[] = [];
    textblock?.forEach((child) => {
      const run = runOf(child, bracketOf);
      runs.push({ ...run, brackets: [...run.brackets].sort((a, b) => depth(a.id) - depth(b.id)) });
    });
    return runs;
  };

  walkTreaty(doc, (node, pos, where) => {
    while (stack.length > 0 && stack[stack.length - 1]!.end <= pos) stack.pop();
    const outer = stack[stack.length - 1];
    const name = node.type.name as NodeName;
    const attrs = node.attrs as Record<string, unknown>;
    const push = (
      kind: ReadingBlockKind,
      own: Node | null,
      level: number,
      label: string,
      location: string,
    ) => {
      // A chapter's bracket is not in the plain-text format (TX14) but is a bracket all the same (BR8).
      const bracket = string(attrs.bracket);
      const opens: BlockBracket[] = bracket ? [{ id: bracket, key: blockGroupKey(node) ?? bracket }] : [];
      if (bracket) openBrackets.push({ end: pos + node.nodeSize, block: blocks.length });
      const status = outer?.status ?? 'open';
      const mine =
        kind === 'paragraph' || kind === 'preambular_paragraph'
          ? {
              status: parseStatus(attrs.status),
              pending: parsePending(attrs.pending),
              package: parsePackageName(attrs.package),
            }
          : { status, pending: outer?.pending ?? [], package: outer?.package ?? null };
      const alternativeTo = alternativeOf(doc, node, pos);
      const runs = runsOf(own);
      const block: ReadingBlock = {
        kind,
        id: string(attrs.id),
        label,
        location,
        article: where.article,
        level,
        ...mine,
        inserted: string(attrs.inserted) ?? outer?.inserted ?? null,
        deleted: string(attrs.deleted) ?? outer?.deleted ?? null,
        opens,
        closes: 0,
        alternativeTo,
        runs,
        text: runs.map((run) => run.text).join(''),
      };
      blocks.push(block);
      textblockEnds.push(own ? pos + node.nodeSize : pos);
      stack.push({
        end: pos + node.nodeSize,
        inserted: block.inserted,
        deleted: block.deleted,
        status: block.status,
        pending: block.pending,
        package: block.package,
      });
    };
    const label = labels.get(pos) ?? '';
    switch (name) {
      case NodeName.doc:
        return true;
      case NodeName.title:
        push('title', node, 0, '', 'Title');
        return false;
      case NodeName.preamble:
        if (node.childCount > 0) push('preamble', null, 0, 'Preamble', 'Preamble');
        return true;
      case NodeName.preambularParagraph:
        push('preambular_paragraph', node, 0, label, locationLabel(where));
        return false;
      case NodeName.preambleOpening:
      case NodeName.preambleClosing:
        // ST8: unnumbered formulas of the preamble, read as text of their own.
        push(name, node, 0, '', 'Preamble');
        return false;
      case NodeName.chapter:
        push('chapter', node.firstChild, 0, label, label);
        return true;
      case NodeName.division:
        // ST5: parts, sections, sub-sections and titles read as chapters do: a label and a heading.
        push('division', node.firstChild, 0, label, label);
        return true;
      case NodeName.article:
        push('article', node.firstChild, 0, label, where.article);
        return true;
      case NodeName.paragraph:
      case NodeName.subparagraph:
      case NodeName.clause: {
        const level = name === NodeName.paragraph ? 0 : name === NodeName.subparagraph ? 1 : 2;
        push(name, node.firstChild, level, label, locationLabel(where));
        // Its body is read above; its subparagraphs or clauses are blocks of their own.
        return true;
      }
      // Textblocks read by the block that owns them (RD1): headings and bodies.
      case NodeName.chapterHeading:
      case NodeName.divisionHeading:
      case NodeName.articleHeading:
      case NodeName.body:
        return false;
      case NodeName.text:
        return false;
      default:
        return unread(name);
    }
  });

  // A bracketed block's `]` follows the text of its last block (TX14).
  const closes = blocks.map(() => 0);
  for (const open of openBrackets) {
    let last = open.block;
    for (let index = open.block + 1; index < blocks.length && textblockEnds[index]! <= open.end; index++)
      last = index;
    closes[last]! += 1;
  }

  const proposals = new Map<string, ReadingProposal>();
  for (const record of records.proposals.values()) {
    proposals.set(record.id, {
      id: record.id,
      delegation: record.delegation,
      status: record.status,
      createdAt: record.createdAt,
      decidedAt: record.decision?.at || null,
    });
  }
  const brackets = new Map<string, ReadingBracket>();
  for (const record of records.brackets.values()) {
    const span = scan.byId.get(record.id);
    brackets.set(record.id, {
      id: record.id,
      delegation: record.delegation,
      option: span?.option ?? record.resolution?.option ?? null,
      provenance: bracketProvenance(record, span?.text ?? ''),
    });
  }
  return {
    title: blocks[0]?.kind === 'title' ? blocks[0].text : '',
    blocks: blocks.map((block, index) => (closes[index] ? { ...block, closes: closes[index]! } : block)),
    proposals,
    brackets,
  };
}

import { diffWordsWithSpace } from 'diff';
import type { Node } from 'prosemirror-model';
import { type BracketCounts, scanBrackets } from '../brackets/scan.ts';
import type { DelegationId } from '../ids.ts';
import { locationLabel, walkTreaty } from '../locate.ts';
import { numberTreaty } from '../numbering.ts';
import type { ProposalRecord } from '../proposals/model.ts';
import { MarkName, NodeName } from '../schema.ts';
import { type ParagraphStatus, STATUS_NODES, statusOf } from '../status/model.ts';

/**
 * Diffs between two texts of a treaty (SPEC RV rules): blocks aligned by their stable ids, words compared with
 * `diff`, every change attributed to the delegation whose proposal produced it, or to the Chair.
 */

/** Who a change is attributed to: a delegation id, or CHAIR for the chair's direct edits and proposals. */
export type ChangeAuthor = DelegationId | 'CHAIR';
export const CHAIR: ChangeAuthor = 'CHAIR';

/** One side of a diff: the treaty and the proposal records at that moment. */
export interface DiffSide {
  readonly doc: Node;
  readonly records: ReadonlyMap<string, ProposalRecord>;
}

/** A run of text in a block diff. */
export interface DiffPart {
  readonly type: 'equal' | 'insert' | 'delete';
  readonly text: string;
  /** Who made an inserted or deleted run. */
  readonly author?: ChangeAuthor;
}

/** The diff of one block (a paragraph, subparagraph, clause, preambular paragraph, article or chapter heading). */
export interface BlockDiff {
  readonly id: string;
  readonly kind: string;
  /** "Article 3", "Preamble", "Title": where the block is in the newer text (the older for deleted ones). */
  readonly article: string;
  /** The block's label in each text ("2.", "(b)", "Article 4"); null where it does not exist. */
  readonly oldLabel: string | null;
  readonly newLabel: string | null;
  readonly change: 'unchanged' | 'changed' | 'inserted' | 'deleted';
  /** It changed place relative to the blocks both texts share (not only its number). */
  readonly moved: boolean;
  /** For an inserted block made by splitting an existing one: that block's id. */
  readonly splitFrom: string | null;
  /** For a deleted block whose text went into another block: that block's id. */
  readonly mergedInto: string | null;
  readonly parts: readonly DiffPart[];
}

/** A paragraph whose status changed between two texts. */
export interface StatusChange {
  readonly id: string;
  /** "Article 3, paragraph 2". */
  readonly location: string;
  readonly from: ParagraphStatus;
  readonly to: ParagraphStatus;
}

/** SS1: the paragraphs whose status differs from `older` to `newer` (a new paragraph counts from open). */
function statusChanges(older: Node, newer: Node): StatusChange[] {
  const before = new Map<string, ParagraphStatus>();
  walkTreaty(older, (node) => {
    if (STATUS_NODES.includes(node.type.name) && node.attrs.id) before.set(node.attrs.id, statusOf(node));
    return !node.isTextblock;
  });
  const changes: StatusChange[] = [];
  walkTreaty(newer, (node, _pos, where) => {
    if (STATUS_NODES.includes(node.type.name) && node.attrs.id) {
      const from = before.get(node.attrs.id) ?? 'open';
      const to = statusOf(node);
      if (from !== to) changes.push({ id: node.attrs.id, location: locationLabel(where), from, to });
    }
    return !node.isTextblock;
  });
  return changes;
}

/** Words added and removed by one author. */
export interface AuthorCounts {
  added: number;
  removed: number;
}

/** The whole diff: per-block changes and the summary a revision header shows. */
export interface TreatyDiff {
  readonly blocks: readonly BlockDiff[];
  readonly summary: {
    readonly wordsAdded: number;
    readonly wordsRemoved: number;
    readonly blocksAdded: number;
    readonly blocksRemoved: number;
    readonly blocksMoved: number;
    readonly proposalsAccepted: number;
    readonly proposalsRejected: number;
    /** BR8 counts in each text, so a revision shows how far the negotiation came. */
    readonly brackets: { readonly before: BracketCounts; readonly after: BracketCounts };
    /** SS1: paragraphs whose status differs between the two texts, in the newer text's order. */
    readonly statusChanges: readonly StatusChange[];
  };
  /** Word counts per author, in descending order of changes. */
  readonly byAuthor: readonly {
    readonly author: ChangeAuthor;
    readonly added: number;
    readonly removed: number;
  }[];
}

interface Run {
  readonly text: string;
  readonly insertion: string | null;
  readonly deletion: string | null;
}

interface Unit {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  readonly article: string;
  readonly runs: readonly Run[];
  readonly text: string;
  /** The proposal that adds or deletes the whole block, if any. */
  readonly blockProposal: string | null;
  readonly order: number;
}

const UNIT_KINDS = new Set<string>([
  NodeName.preambularParagraph,
  NodeName.chapter,
  NodeName.article,
  NodeName.paragraph,
  NodeName.subparagraph,
  NodeName.clause,
]);

function runsOf(textblock: Node | null | undefined): Run[] {
  const runs: Run[] = [];
  textblock?.forEach((child) => {
    if (!child.isText) return;
    const proposal = (name: string) => {
      const mark = child.marks.find((m) => m.type.name === name);
      return mark ? String(mark.attrs.proposal) : null;
    };
    runs.push({
      text: child.text ?? '',
      insertion: proposal(MarkName.insertion),
      deletion: proposal(MarkName.deletion),
    });
  });
  return runs;
}

/** The aligned units of a treaty: every id-bearing block with its own text (heading or body). */
function unitsOf(doc: Node): Unit[] {
  const labels = new Map(numberTreaty(doc).map((block) => [block.pos, block.label]));
  const units: Unit[] = [];
  let article = 'Preamble';
  doc.descendants((node, pos) => {
    if (!UNIT_KINDS.has(node.type.name)) return true;
    const id = node.attrs.id as string | null;
    const label = labels.get(pos) ?? '';
    if (node.type.name === NodeName.article) article = label || 'Article';
    if (!id) return true;
    // Articles and chapters carry their heading; paragraphs and below their body (their first child).
    const own = node.firstChild;
    const runs = runsOf(own);
    units.push({
      id,
      kind: node.type.name,
      label,
      article: node.type.name === NodeName.chapter ? label : article,
      runs,
      text: runs.map((run) => run.text).join(''),
      blockProposal: (node.attrs.inserted as string | null) ?? (node.attrs.deleted as string | null) ?? null,
      order: units.length,
    });
    return true;
  });
  return units;
}

const countWords = (text: string) => (text.match(/\S+/g) ?? []).length;

interface Change {
  readonly value: string;
  readonly added?: boolean;
  readonly removed?: boolean;
}

/**
 * Joins word changes separated only by spaces into one deletion and one insertion ("[-between States-]{+in
 * criminal+}" rather than word by word), the way revision marks are read.
 */
function coalesce(changes: readonly Change[]): Change[] {
  const out: Change[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed) out.push({ value: removed, removed: true });
    if (added) out.push({ value: added, added: true });
    removed = '';
    added = '';
  };
  changes.forEach((change, index) => {
    if (change.removed) removed += change.value;
    else if (change.added) added += change.value;
    else {
      const next = changes[index + 1];
      const bridge = /^\s+$/.test(change.value) && (removed || added) && next && (next.added || next.removed);
      if (bridge) {
        removed += change.value;
        added += change.value;
      } else {
        flush();
        out.push(change);
      }
    }
  });
  flush();
  return out;
}

/** The run of `unit` covering character `offset` (the one starting at it when at a boundary). */
function runAt(unit: Unit, offset: number): Run | null {
  let start = 0;
  for (const run of unit.runs) {
    if (offset < start + run.text.length) return run;
    start += run.text.length;
  }
  return unit.runs.at(-1) ?? null;
}

/** Longest increasing subsequence membership: which shared blocks kept their relative order. */
function stableIds(oldOrder: readonly string[], newOrder: readonly string[]): Set<string> {
  const position = new Map(oldOrder.map((id, index) => [id, index]));
  const sequence = newOrder.filter((id) => position.has(id)).map((id) => ({ id, at: position.get(id)! }));
  const tails: number[] = [];
  const previous: number[] = new Array(sequence.length).fill(-1);
  const tailIndex: number[] = [];
  sequence.forEach((item, index) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid]! < item.at) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = item.at;
    tailIndex[lo] = index;
    previous[index] = lo > 0 ? tailIndex[lo - 1]! : -1;
  });
  const stable = new Set<string>();
  for (let index = tailIndex[tails.length - 1] ?? -1; index >= 0; index = previous[index]!) {
    stable.add(sequence[index]!.id);
  }
  return stable;
}

/** Words of `needle` found, in order, in `haystack` — as a share of the needle's words. */
function overlap(needle: string, haystack: string): number {
  const words: string[] = needle.match(/\S+/g) ?? [];
  if (words.length === 0) return 0;
  const pool: string[] = haystack.match(/\S+/g) ?? [];
  let found = 0;
  let from = 0;
  for (const word of words) {
    const at = pool.indexOf(word, from);
    if (at >= 0) {
      found++;
      from = at + 1;
    }
  }
  return found / words.length;
}

/**
 * RV3–RV6: the diff from `older` to `newer`. Blocks are aligned by stable id, so renumbered and moved blocks are
 * recognised; text inside a block is compared word by word. Inserted runs are attributed to the proposal marking
 * them in the newer text, or to the accepted proposal whose recorded text contains them, else to the Chair;
 * deleted runs likewise from the older text's deletion marks and the accepted proposals' records.
 */
export function diffTreaties(older: DiffSide, newer: DiffSide): TreatyDiff {
  const oldUnits = unitsOf(older.doc);
  const newUnits = unitsOf(newer.doc);
  const oldById = new Map(oldUnits.map((unit) => [unit.id, unit]));
  const newById = new Map(newUnits.map((unit) => [unit.id, unit]));
  const stable = stableIds(
    oldUnits.map((unit) => unit.id),
    newUnits.map((unit) => unit.id),
  );

  const delegationOf = (proposal: string | null, side: DiffSide): ChangeAuthor | null => {
    if (!proposal) return null;
    const record = newer.records.get(proposal) ?? side.records.get(proposal) ?? older.records.get(proposal);
    if (!record) return null;
    return record.delegation ?? CHAIR;
  };
  // Proposals decided between the two texts, for text that lost its marks when accepted.
  const decided = [...newer.records.values()].filter(
    (record) => record.status !== 'open' && older.records.get(record.id)?.status !== record.status,
  );
  const acceptedWith = (text: string, field: 'inserted' | 'deleted'): ChangeAuthor | null => {
    const needle = text.trim();
    if (!needle) return null;
    // The recorded text may be part of a word the word diff shows whole ("For the purp" of "For the purposes").
    const match = decided.find((record) => {
      const recorded = record.decision?.[field].trim();
      return (
        record.status === 'accepted' && !!recorded && (recorded.includes(needle) || needle.includes(recorded))
      );
    });
    return match ? (match.delegation ?? CHAIR) : null;
  };

  const counts = new Map<ChangeAuthor, AuthorCounts>();
  const count = (author: ChangeAuthor, added: number, removed: number) => {
    const entry = counts.get(author) ?? { added: 0, removed: 0 };
    entry.added += added;
    entry.removed += removed;
    counts.set(author, entry);
  };

  const blockDiff = (oldUnit: Unit | undefined, newUnit: Unit | undefined): BlockDiff => {
    const parts: DiffPart[] = [];
    const push = (part: DiffPart) => {
      const last = parts.at(-1);
      if (last && last.type === part.type && last.author === part.author) {
        parts[parts.length - 1] = { ...last, text: last.text + part.text };
      } else parts.push(part);
    };
    let oldOffset = 0;
    let newOffset = 0;
    for (const change of coalesce(diffWordsWithSpace(oldUnit?.text ?? '', newUnit?.text ?? ''))) {
      const text = change.value;
      if (change.added) {
        // Attribute each run of the insertion separately: two delegations may have added side by side.
        let offset = newOffset;
        while (offset < newOffset + text.length) {
          const run = runAt(newUnit!, offset);
          let end = newOffset + text.length;
          // Cut at the end of this run of the newer text.
          let start = 0;
          for (const candidate of newUnit!.runs) {
            if (candidate === run) {
              end = Math.min(end, start + candidate.text.length);
              break;
            }
            start += candidate.text.length;
          }
          if (end <= offset) end = newOffset + text.length;
          const piece = text.slice(offset - newOffset, end - newOffset);
          // Spaces between two runs go with the words next to them, not to a third author.
          const last = parts.at(-1);
          // What is left of a partly deleted word ("oses" of "purposes") belongs to that deletion's author, unless
          // the text carries a proposal mark of its own.
          const remnant =
            last?.type === 'delete' && piece.trim() !== '' && last.text.includes(piece.trim())
              ? last.author
              : undefined;
          const author =
            piece.trim() === '' && last?.type === 'insert' && last.author
              ? last.author
              : (delegationOf(run?.insertion ?? null, newer) ??
                remnant ??
                delegationOf(newUnit!.blockProposal, newer) ??
                acceptedWith(piece, 'inserted') ??
                CHAIR);
          push({ type: 'insert', text: piece, author });
          count(author, countWords(piece), 0);
          offset = end;
        }
        newOffset += text.length;
      } else if (change.removed) {
        const run = oldUnit ? runAt(oldUnit, oldOffset) : null;
        const author =
          delegationOf(run?.deletion ?? oldUnit?.blockProposal ?? null, older) ??
          acceptedWith(text, 'deleted') ??
          CHAIR;
        push({ type: 'delete', text, author });
        count(author, 0, countWords(text));
        oldOffset += text.length;
      } else {
        push({ type: 'equal', text });
        oldOffset += text.length;
        newOffset += text.length;
      }
    }
    const changed = parts.some((part) => part.type !== 'equal');
    return {
      id: (newUnit ?? oldUnit)!.id,
      kind: (newUnit ?? oldUnit)!.kind,
      article: (newUnit ?? oldUnit)!.article,
      oldLabel: oldUnit?.label ?? null,
      newLabel: newUnit?.label ?? null,
      change: !oldUnit ? 'inserted' : !newUnit ? 'deleted' : changed ? 'changed' : 'unchanged',
      moved: oldUnit !== undefined && newUnit !== undefined && !stable.has(newUnit.id),
      splitFrom: null,
      mergedInto: null,
      parts,
    };
  };

  // Newer order, with each deleted block placed after the block that preceded it in the older text.
  const blocks: BlockDiff[] = [];
  const deletedAfter = new Map<string | null, Unit[]>();
  let previous: string | null = null;
  for (const unit of oldUnits) {
    if (!newById.has(unit.id)) {
      const list = deletedAfter.get(previous) ?? [];
      list.push(unit);
      deletedAfter.set(previous, list);
    } else previous = unit.id;
  }
  for (const unit of deletedAfter.get(null) ?? []) blocks.push(blockDiff(unit, undefined));
  for (const unit of newUnits) {
    blocks.push(blockDiff(oldById.get(unit.id), unit));
    for (const gone of deletedAfter.get(unit.id) ?? []) blocks.push(blockDiff(gone, undefined));
  }

  // Splits and merges: an inserted block made of words its neighbour lost, a deleted one whose words a
  // neighbour gained.
  const removedText = (block: BlockDiff) =>
    block.parts
      .filter((p) => p.type === 'delete')
      .map((p) => p.text)
      .join(' ');
  const addedText = (block: BlockDiff) =>
    block.parts
      .filter((p) => p.type === 'insert')
      .map((p) => p.text)
      .join(' ');
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]!;
    const neighbour = [...blocks.slice(0, index)]
      .reverse()
      .find((b) => b.change === 'changed' && b.kind === block.kind);
    if (!neighbour) continue;
    if (block.change === 'inserted' && overlap(addedText(block), removedText(neighbour)) >= 0.6) {
      blocks[index] = { ...block, splitFrom: neighbour.id };
    }
    if (block.change === 'deleted' && overlap(removedText(block), addedText(neighbour)) >= 0.6) {
      blocks[index] = { ...block, mergedInto: neighbour.id };
    }
  }

  const totals = [...counts.values()].reduce(
    (a, b) => ({ added: a.added + b.added, removed: a.removed + b.removed }),
    {
      added: 0,
      removed: 0,
    },
  );
  return {
    blocks,
    summary: {
      wordsAdded: totals.added,
      wordsRemoved: totals.removed,
      blocksAdded: blocks.filter((b) => b.change === 'inserted').length,
      blocksRemoved: blocks.filter((b) => b.change === 'deleted').length,
      blocksMoved: blocks.filter((b) => b.moved).length,
      proposalsAccepted: decided.filter((r) => r.status === 'accepted').length,
      proposalsRejected: decided.filter((r) => r.status === 'rejected').length,
      brackets: { before: scanBrackets(older.doc).total, after: scanBrackets(newer.doc).total },
      statusChanges: statusChanges(older.doc, newer.doc),
    },
    byAuthor: [...counts.entries()]
      .map(([author, c]) => ({ author, ...c }))
      .sort((a, b) => b.added + b.removed - (a.added + a.removed) || a.author.localeCompare(b.author)),
  };
}

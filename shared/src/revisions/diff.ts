import { diffArrays } from 'diff';
import type { Node } from 'prosemirror-model';
import type { BracketRecord } from '../brackets/model.ts';
import { type BracketCounts, scanBrackets } from '../brackets/scan.ts';
import { locationLabel, walkTreaty } from '../locate.ts';
import type { ChairEdit } from '../proposals/chair-edits.ts';
import type { ProposalRecord } from '../proposals/model.ts';
import type { ReadingBlock, ReadingBlockKind, TreatyReading } from '../reading/model.ts';
import { blockNotation, type NotationPiece, statusWords } from '../reading/notation.ts';
import { readTreaty } from '../reading/read.ts';
import { type ParagraphStatus, STATUS_NODES, statusOf } from '../status/model.ts';
import { type Attribution, Attributor, CHAIR, type ChangeAuthor } from './attribution.ts';

/**
 * Diffs between two texts of a treaty (SPEC RV rules): blocks aligned by their stable ids, words compared with
 * `diff`, every change attributed to the delegation whose proposal produced it, or to the Chair.
 */

/** One side of a diff: the treaty and the proposal (and bracket) records at that moment. */
export interface DiffSide {
  readonly doc: Node;
  readonly records: ReadonlyMap<string, ProposalRecord>;
  /** Bracket records (BR1), to show the chair's decisions on options (RV11); none when absent. */
  readonly brackets?: ReadonlyMap<string, BracketRecord>;
  /** The chair's direct edits (PR14), to date the Chair's changes (RV14); none when absent. */
  readonly chairEdits?: readonly ChairEdit[];
}

/**
 * A run of text in a block diff. The older side is its `equal` and `delete` parts; the newer side its `equal`
 * and `insert` parts and its `open` deletions (proposed, still in the newer text: RV12).
 */
export interface DiffPart {
  readonly type: 'equal' | 'insert' | 'delete';
  readonly text: string;
  /** Who made an inserted or deleted run. */
  readonly author?: ChangeAuthor;
  /** When the change was made, as the record says (ISO time): the proposal's creation, or its decision. */
  readonly at?: string;
  /** An open proposal: proposed, not decided; an open deletion is still in the newer text. */
  readonly open?: boolean;
  /** The chair's decision on brackets that made it: "the Chair's choice of Option 2 (Mexico)" (RV11). */
  readonly decision?: string;
  /** Bracket notation ("[", "Option 1: ", "]"), not words of the text: not counted as words. */
  readonly notation?: boolean;
}

/** The diff of one block (a paragraph, subparagraph, clause, preambular paragraph, article or chapter heading). */
export interface BlockDiff {
  readonly id: string;
  readonly kind: ReadingBlockKind;
  /** "Article 3", "Preamble", "Title": where the block is in the newer text (the older for deleted ones). */
  readonly article: string;
  /** "Article 9, paragraph 2 (c)": the block's location (RD1). */
  readonly location: string;
  /** 0 for headings and paragraphs, 1 for subparagraphs, 2 for clauses. */
  readonly level: number;
  /** Its paragraph's status in words (RD2), '' when open. */
  readonly status: string;
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

/** A stretch of a unit's notation text and where it comes from. */
interface Piece {
  readonly start: number;
  readonly end: number;
  readonly piece: NotationPiece;
}

/** A block of one side, aligned with the other side by its id (RV4). */
interface Unit {
  readonly id: string;
  readonly block: ReadingBlock;
  /** The block's text in the conventional notation (brackets, options: RD2). */
  readonly text: string;
  readonly pieces: readonly Piece[];
}

/** The aligned units of a reading: the title and every block with an id, in the notation of RD2. */
function unitsOf(reading: TreatyReading): Unit[] {
  const units: Unit[] = [];
  for (const block of reading.blocks) {
    // The title and the preamble's formulas (ST8) are one of a kind: their kind is their id.
    const single =
      block.kind === 'title' || block.kind === 'preamble_opening' || block.kind === 'preamble_closing';
    const id = single ? block.kind : block.id;
    if (!id || block.kind === 'preamble') continue;
    const pieces: Piece[] = [];
    let at = 0;
    for (const piece of blockNotation(block, reading, 'inline')) {
      if (!piece.text) continue;
      pieces.push({ start: at, end: at + piece.text.length, piece });
      at += piece.text.length;
    }
    units.push({ id, block, text: pieces.map((p) => p.piece.text).join(''), pieces });
  }
  return units;
}

/** A word, a run of white space or a punctuation mark, and the bracket it sits in. */
interface Token {
  readonly text: string;
  /** The text and its innermost bracket: a word of Option 1 is not the same word in Option 2 (RV11). */
  readonly key: string;
}

const TOKEN = /\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu;

/**
 * The tokens of a unit's notation, each keyed by the innermost bracket around it that both texts hold (so a
 * bracket placed or agreed does not make its words changes); notation by its own bracket.
 */
function tokensOf(unit: Unit | undefined, shared: ReadonlySet<string>): Token[] {
  const tokens: Token[] = [];
  for (const { piece } of unit?.pieces ?? []) {
    const bracket =
      piece.run === null
        ? (piece.bracket ?? '')
        : ([...piece.run.brackets].reverse().find((b) => shared.has(b.id))?.id ?? '');
    for (const text of piece.text.match(TOKEN) ?? []) tokens.push({ text, key: `${text}\u0000${bracket}` });
  }
  return tokens;
}

/**
 * RV5: the word diff of two units (jsdiff's array diff over words, spaces and punctuation). Words are matched
 * within the same bracket only, so picking Option 2 removes Option 1's words, not Option 2's.
 */
function wordDiff(
  oldUnit: Unit | undefined,
  newUnit: Unit | undefined,
  shared: ReadonlySet<string>,
): Change[] {
  const changes = diffArrays(tokensOf(oldUnit, shared), tokensOf(newUnit, shared), {
    comparator: (a, b) => a.key === b.key,
  });
  return changes.map((change) => ({
    value: change.value.map((token) => token.text).join(''),
    ...(change.added ? { added: true } : {}),
    ...(change.removed ? { removed: true } : {}),
  }));
}

/** The pieces of `unit` between `from` and `to`, clipped to that range. */
function piecesIn(
  unit: Unit | undefined,
  from: number,
  to: number,
): { from: number; to: number; piece: NotationPiece }[] {
  if (!unit) return [];
  const out: { from: number; to: number; piece: NotationPiece }[] = [];
  for (const piece of unit.pieces) {
    if (piece.end <= from) continue;
    if (piece.start >= to) break;
    out.push({ from: Math.max(from, piece.start), to: Math.min(to, piece.end), piece: piece.piece });
  }
  return out;
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

/** What a side of a comparison brings: its reading (from its document and records). */
function readingOf(side: DiffSide): TreatyReading {
  return readTreaty(side.doc, { proposals: side.records, brackets: side.brackets ?? new Map() });
}

/**
 * RV3–RV6, RV10–RV12: the comparison from `older` to `newer`, made from the reading of each side (RD1), so
 * every block with text (title, preamble, headings, paragraphs, subparagraphs, clauses) is compared, in the
 * conventional notation (brackets and options, RD2). Blocks are aligned by stable id; text inside a block is
 * compared word by word; every change is attributed from the record.
 */
export function diffTreaties(older: DiffSide, newer: DiffSide): TreatyDiff {
  const oldReading = readingOf(older);
  const newReading = readingOf(newer);
  const oldUnits = unitsOf(oldReading);
  const newUnits = unitsOf(newReading);
  const newById = new Map(newUnits.map((unit) => [unit.id, unit]));
  const oldById = new Map(oldUnits.map((unit) => [unit.id, unit]));
  const stable = stableIds(
    oldUnits.map((unit) => unit.id),
    newUnits.map((unit) => unit.id),
  );
  // Brackets both texts hold: words are matched within them (RV11).
  const bracketIds = (units: readonly Unit[]) =>
    new Set(units.flatMap((unit) => unit.block.runs.flatMap((run) => run.brackets.map((b) => b.id))));
  const oldBrackets = bracketIds(oldUnits);
  const sharedBrackets = new Set([...bracketIds(newUnits)].filter((id) => oldBrackets.has(id)));
  const who = new Attributor({
    older: older.records,
    newer: newer.records,
    newerBrackets: newer.brackets ?? new Map(),
    olderChairEdits: older.chairEdits ?? [],
    newerChairEdits: newer.chairEdits ?? [],
  });
  const isOpen = (proposal: string | null) => who.proposal(proposal)?.status === 'open';

  const counts = new Map<ChangeAuthor, AuthorCounts>();
  const count = (author: ChangeAuthor, added: number, removed: number) => {
    const entry = counts.get(author) ?? { added: 0, removed: 0 };
    entry.added += added;
    entry.removed += removed;
    counts.set(author, entry);
  };

  /** The first bracket around a piece whose decision explains its change (innermost first). */
  const bracketDecision = (piece: NotationPiece): Attribution | null => {
    const ids = [piece.bracket ?? null, ...(piece.run?.brackets ?? []).map((b) => b.id).reverse()];
    for (const id of ids) {
      const found = id ? who.ofBracket(id) : null;
      if (found) return found;
    }
    return null;
  };

  /**
   * RV6, RV10, RV11: who inserted or removed a piece of a unit, from its marks, its block, the chair's decision
   * on its brackets, else the accepted proposals whose recorded text it holds (cut between them when it holds
   * several), else the Chair: the piece's text in parts, each with its author.
   */
  const authors = (
    unit: Unit | undefined,
    piece: NotationPiece,
    text: string,
    field: 'inserted' | 'deleted',
  ): [string, Attribution][] => {
    const insert = field === 'inserted';
    const found =
      who.ofProposal((insert ? piece.run?.insertion : piece.run?.deletion) ?? null) ??
      who.ofProposal((insert ? unit?.block.inserted : unit?.block.deleted) ?? null) ??
      (unit ? who.ofBlock(unit.id) : null) ??
      bracketDecision(piece);
    if (found) return [[text, found]];
    return who.acceptedPieces(text, field).map(({ text, by }) => [text, by ?? { author: CHAIR }]);
  };

  const blockDiff = (oldUnit: Unit | undefined, newUnit: Unit | undefined): BlockDiff => {
    const parts: DiffPart[] = [];
    const push = (part: DiffPart) => {
      const last = parts.at(-1);
      if (
        last &&
        last.type === part.type &&
        last.author === part.author &&
        last.open === part.open &&
        last.decision === part.decision &&
        last.at === part.at &&
        last.notation === part.notation
      ) {
        parts[parts.length - 1] = { ...last, text: last.text + part.text };
      } else parts.push(part);
    };
    const change = (type: 'insert' | 'delete', text: string, piece: NotationPiece, by: Attribution) => {
      const notation = piece.run === null;
      push({
        type,
        text,
        author: by.author,
        ...(by.at ? { at: by.at } : {}),
        ...(by.open ? { open: true } : {}),
        ...(by.decision ? { decision: by.decision } : {}),
        ...(notation ? { notation: true } : {}),
      });
      if (!notation)
        count(by.author, type === 'insert' ? countWords(text) : 0, type === 'delete' ? countWords(text) : 0);
    };
    let oldOffset = 0;
    let newOffset = 0;
    for (const step of coalesce(wordDiff(oldUnit, newUnit, sharedBrackets))) {
      const text = step.value;
      if (step.added) {
        // Attribute each piece of the insertion on its own: two delegations may have added side by side.
        for (const { from, to, piece } of piecesIn(newUnit, newOffset, newOffset + text.length)) {
          const slice = text.slice(from - newOffset, to - newOffset);
          const last = parts.at(-1);
          // Spaces between two changes go with the words next to them, not to a third author.
          if (slice.trim() === '' && last?.type === 'insert' && piece.run !== null)
            push({ ...last, text: slice });
          else if (
            // What is left of a partly deleted word ("oses" of "purposes") belongs to that deletion's author,
            // unless the text carries a proposal mark of its own.
            last?.type === 'delete' &&
            last.author &&
            !piece.run?.insertion &&
            slice.trim() !== '' &&
            last.text.includes(slice.trim())
          )
            change('insert', slice, piece, {
              author: last.author,
              ...(last.at ? { at: last.at } : {}),
              ...(last.decision ? { decision: last.decision } : {}),
            });
          else
            for (const [words, by] of authors(newUnit, piece, slice, 'inserted'))
              change('insert', words, piece, by);
        }
        newOffset += text.length;
      } else if (step.removed) {
        for (const { from, to, piece } of piecesIn(oldUnit, oldOffset, oldOffset + text.length)) {
          const slice = text.slice(from - oldOffset, to - oldOffset);
          const last = parts.at(-1);
          // Spaces between two removed passages go with them, not to a third author.
          if (slice.trim() === '' && last?.type === 'delete' && !last.open) {
            push({ ...last, text: slice });
            continue;
          }
          // Gone from the newer text: not an open deletion there, whatever the proposal's state (RV12).
          for (const [words, { open: _open, ...by }] of authors(oldUnit, piece, slice, 'deleted'))
            change('delete', words, piece, by);
        }
        oldOffset += text.length;
      } else {
        // RV12: text both sides hold, that the newer text proposes to delete and the older did not.
        for (const { from, to, piece } of piecesIn(newUnit, newOffset, newOffset + text.length)) {
          const slice = text.slice(from - newOffset, to - newOffset);
          const deletion = piece.run?.deletion ?? null;
          const before = piecesIn(
            oldUnit,
            oldOffset + (from - newOffset),
            oldOffset + (from - newOffset) + 1,
          )[0];
          if (deletion && isOpen(deletion) && before?.piece.run?.deletion !== deletion) {
            change('delete', slice, piece, who.ofProposal(deletion)!);
          } else push({ type: 'equal', text: slice });
        }
        oldOffset += text.length;
        newOffset += text.length;
      }
    }
    const changed = parts.some((part) => part.type !== 'equal');
    const block = (newUnit ?? oldUnit)!.block;
    return {
      id: (newUnit ?? oldUnit)!.id,
      kind: block.kind,
      article: block.article,
      location: block.location,
      level: block.level,
      status: statusWords(block),
      oldLabel: oldUnit ? oldUnit.block.label : null,
      newLabel: newUnit ? newUnit.block.label : null,
      change: !oldUnit ? 'inserted' : !newUnit ? 'deleted' : changed ? 'changed' : 'unchanged',
      moved: oldUnit !== undefined && newUnit !== undefined && !stable.has(newUnit.id),
      splitFrom: null,
      mergedInto: null,
      parts,
    };
  };

  const decided = who.decided;

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

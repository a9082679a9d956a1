import type { Mark, Node, ResolvedPos } from 'prosemirror-model';
import { type EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import type { BracketRecord } from '../brackets/model.ts';
import type { DelegationId } from '../ids.ts';
import { newNodeId } from '../ids.ts';
import { NodeName, treatySchema } from '../schema.ts';
import { touchesFrozen } from '../status/frozen.ts';
import type { ProposalRecord } from './model.ts';

/**
 * Proposal mode (PR1, PR2, PR8): what a delegate's typing, deleting and paragraph commands become. Every
 * function returns the transaction to dispatch, or null when the edit is not possible there. They never write
 * records themselves: `allocate()` is called (only when a new proposal is really needed) to create one.
 */

/** What proposal-mode editing needs to know about the editor's delegation and the open proposals. */
export interface ProposalContext {
  /** The delegation the edits are proposed for (null: the Chair in proposal mode). */
  readonly delegation: DelegationId | null;
  /** The records of the document, to tell one's own open proposals from the others. */
  readonly records: ReadonlyMap<string, ProposalRecord>;
  /** Creates the record of a new open proposal and returns its id. */
  allocate(): string;
  /**
   * The bracket records, to tell one's own brackets (whose text one's own proposal may remove) from the others'
   * (PR13); without them every bracketed character is left in place.
   */
  readonly brackets?: ReadonlyMap<string, BracketRecord>;
}

const { insertion, deletion } = treatySchema.marks;
const BLOCK_NAMES = new Set<string>([
  NodeName.paragraph,
  NodeName.subparagraph,
  NodeName.clause,
  NodeName.preambularParagraph,
  NodeName.article,
]);

function ownOpen(ctx: ProposalContext, id: unknown): id is string {
  if (typeof id !== 'string') return false;
  const record = ctx.records.get(id);
  return record !== undefined && record.status === 'open' && record.delegation === ctx.delegation;
}

function proposalMark(marks: readonly Mark[], type: typeof insertion): string | null {
  const mark = type.isInSet(marks);
  return mark ? String(mark.attrs.proposal) : null;
}

/** The block (paragraph, article...) an open proposal of one's own adds, around `$pos`; null otherwise. */
export function ownInsertedBlock(
  $pos: ResolvedPos,
  ctx: ProposalContext,
): { pos: number; node: Node } | null {
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth);
    if (BLOCK_NAMES.has(node.type.name) && ownOpen(ctx, node.attrs.inserted))
      return { pos: $pos.before(depth), node };
  }
  return null;
}

/**
 * PR13: whether a character with `marks` is one's own to remove for real: its insertion is one's own open
 * proposal's (or, inside a block one's own proposal adds, it has none), and no other delegation's bracket covers it.
 */
function ownToRemove(marks: readonly Mark[], ctx: ProposalContext, covered: boolean): boolean {
  const inserted = proposalMark(marks, insertion);
  if (inserted !== null ? !ownOpen(ctx, inserted) : !covered) return false;
  return marks.every(
    (mark) =>
      mark.type !== treatySchema.marks.bracket ||
      ctx.brackets?.get(String(mark.attrs.id))?.delegation === ctx.delegation,
  );
}

/**
 * PR13: deletes what is one's own in [from, to) of a block one's own proposal adds, leaving the others' text.
 * Only one unbroken run can go at once: y-prosemirror writes a change of a line as one replaced region, so two
 * runs with the others' text between would remove and retype that text. Returns false (nothing done) then.
 */
function deleteOwn(tr: Transaction, from: number, to: number, ctx: ProposalContext): boolean {
  const ranges: { from: number; to: number }[] = [];
  tr.doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true;
    const start = Math.max(from, pos);
    const end = Math.min(to, pos + node.nodeSize);
    if (start >= end || !ownToRemove(node.marks, ctx, true)) return false;
    const last = ranges.at(-1);
    if (last && last.to === start) last.to = end;
    else ranges.push({ from: start, to: end });
    return false;
  });
  if (ranges.length > 1) return false;
  for (const range of ranges) tr.delete(range.from, range.to);
  return true;
}

/**
 * PR13: whether `node` (a block one's own proposal adds) holds something that is not one's own to remove: another
 * proposal's text or block, or another delegation's bracket.
 */
function holdsForeign(node: Node, ctx: ProposalContext): boolean {
  let foreign = false;
  const ownBracket = (id: unknown) => ctx.brackets?.get(String(id))?.delegation === ctx.delegation;
  if (node.attrs.bracket && !ownBracket(node.attrs.bracket)) return true;
  node.descendants((child) => {
    if (foreign) return false;
    if (child.isText) foreign = !ownToRemove(child.marks, ctx, true);
    else if (child.attrs.inserted && !ownOpen(ctx, child.attrs.inserted)) foreign = true;
    else if (child.attrs.bracket && !ownBracket(child.attrs.bracket)) foreign = true;
    return !foreign;
  });
  return foreign;
}

/** PR8: the proposal an edit at `pos` continues: one's own open proposal touching it, else none. */
function adjacentOwnProposal(
  state: EditorState,
  from: number,
  to: number,
  ctx: ProposalContext,
): string | null {
  const before = state.doc.resolve(from).nodeBefore;
  const after = state.doc.resolve(to).nodeAfter;
  for (const node of [before, after]) {
    if (!node?.isText) continue;
    for (const type of [insertion, deletion]) {
      const id = proposalMark(node.marks, type);
      if (ownOpen(ctx, id)) return id;
    }
  }
  return null;
}

/**
 * Marks [from, to) as proposed for deletion under `proposal`: plain text gets a deletion mark, one's own
 * proposed insertions inside are removed for real, others' proposals are left as they are (PR2, PR3).
 */
function markDeletion(
  tr: Transaction,
  from: number,
  to: number,
  proposal: () => string,
  ctx: ProposalContext,
): void {
  const ranges: { from: number; to: number; own: boolean }[] = [];
  tr.doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true;
    const start = Math.max(from, pos);
    const end = Math.min(to, pos + node.nodeSize);
    if (start >= end) return false;
    const inserted = proposalMark(node.marks, insertion);
    const deleted = proposalMark(node.marks, deletion);
    if (inserted !== null) {
      // PR13: one's own proposed text goes, unless another delegation bracketed it.
      if (ownToRemove(node.marks, ctx, false)) ranges.push({ from: start, to: end, own: true });
      return false;
    }
    if (deleted !== null) return false;
    ranges.push({ from: start, to: end, own: false });
    return false;
  });
  for (const range of ranges.reverse()) {
    if (range.own) tr.delete(range.from, range.to);
    else tr.addMark(range.from, range.to, deletion.create({ proposal: proposal() }));
  }
}

/** BR3: the brackets that hold position `pos` (those on the characters at both sides): typed text joins them. */
export function bracketsAround(doc: Node, pos: number): Mark[] {
  const $pos = doc.resolve(pos);
  const before = $pos.nodeBefore;
  const after = $pos.nodeAfter;
  if (!before?.isText || !after?.isText) return [];
  return before.marks.filter((mark) => mark.type === treatySchema.marks.bracket && mark.isInSet(after.marks));
}

/** Whether [from, to) lies in one textblock (proposal mode edits text within a paragraph). */
function inOneTextblock(state: EditorState, from: number, to: number): boolean {
  const $from = state.doc.resolve(from);
  const $to = state.doc.resolve(to);
  return $from.parent.isTextblock && $from.sameParent($to);
}

/**
 * Typing `text` over [from, to) in proposal mode: the replaced text is proposed for deletion and the typed text
 * for insertion after it, as one proposal (a replacement); typing next to one's own open proposal extends it.
 */
export function proposeText(
  state: EditorState,
  from: number,
  to: number,
  text: string,
  ctx: ProposalContext,
): Transaction | null {
  if (!inOneTextblock(state, from, to)) return null;
  // SS3: an agreed paragraph takes no proposal until the chair reopens it.
  if (touchesFrozen(state.doc, from, to)) return null;
  const $from = state.doc.resolve(from);
  if ($from.parent.type.spec.marks === '') return null;
  const tr = state.tr;
  if (ownInsertedBlock($from, ctx)) {
    // The block is one's own proposal: edit it freely, but what others wrote or bracketed in it stays (PR13).
    let foreign = false;
    state.doc.nodesBetween(from, to, (node) => {
      if (node.isText && !ownToRemove(node.marks, ctx, true)) foreign = true;
      return !foreign;
    });
    if (foreign) {
      if (!deleteOwn(tr, from, to, ctx)) return null;
      tr.insertText(text, tr.mapping.map(to, -1));
    } else tr.insertText(text, from, to);
    return tr.scrollIntoView();
  }
  let id = adjacentOwnProposal(state, from, to, ctx);
  const proposal = () => {
    id ??= ctx.allocate();
    return id;
  };
  let at = to;
  if (from < to) {
    markDeletion(tr, from, to, proposal, ctx);
    at = tr.mapping.map(to, -1);
  }
  const mark = insertion.create({ proposal: proposal() });
  tr.insert(at, treatySchema.text(text, [mark, ...bracketsAround(tr.doc, at)]));
  tr.setSelection(TextSelection.create(tr.doc, at + text.length));
  return tr.scrollIntoView();
}

/** Backspace (dir -1) or Delete (dir 1) in proposal mode: proposes deleting the selection or one character. */
export function proposeDeletion(state: EditorState, dir: -1 | 1, ctx: ProposalContext): Transaction | null {
  const { from, to, empty } = state.selection;
  let start = from;
  let end = to;
  if (empty) {
    const $pos = state.selection.$from;
    if (dir < 0 ? $pos.parentOffset === 0 : $pos.parentOffset === $pos.parent.content.size) {
      // At a block edge: proposal mode does not merge paragraphs; the caret stays.
      return state.tr;
    }
    start = dir < 0 ? from - 1 : from;
    end = dir < 0 ? from : from + 1;
  }
  if (!inOneTextblock(state, start, end)) return null;
  if (touchesFrozen(state.doc, start, end)) return null;
  const tr = state.tr;
  if (ownInsertedBlock(state.doc.resolve(start), ctx)) {
    if (!deleteOwn(tr, start, end, ctx)) return null;
    return tr.scrollIntoView();
  }
  let id = adjacentOwnProposal(state, start, end, ctx);
  markDeletion(
    tr,
    start,
    end,
    () => {
      id ??= ctx.allocate();
      return id;
    },
    ctx,
  );
  // The caret moves past what was marked, as if it had been deleted.
  const caret = dir < 0 ? tr.mapping.map(start, -1) : tr.mapping.map(end, 1);
  tr.setSelection(TextSelection.create(tr.doc, empty ? caret : tr.mapping.map(to)));
  return tr.scrollIntoView();
}

/** The paragraph-level block holding `$pos` (paragraph, subparagraph, clause or preambular paragraph). */
function enclosingBlock($pos: ResolvedPos): { pos: number; node: Node; depth: number } | null {
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth);
    if (node.type.name === NodeName.paragraph || node.type.name === NodeName.preambularParagraph) {
      return { pos: $pos.before(depth), node, depth };
    }
  }
  return null;
}

/** Proposes a new, empty paragraph after the one holding the caret (or as the first of an article, from its heading). */
export function proposeNewParagraph(state: EditorState, ctx: ProposalContext): Transaction | null {
  const $head = state.selection.$head;
  const block = enclosingBlock($head);
  let at: number;
  let type = treatySchema.nodes.paragraph;
  if (block) {
    at = block.pos + block.node.nodeSize;
    type = block.node.type;
  } else if ($head.parent.type === treatySchema.nodes.article_heading) {
    at = $head.after();
  } else {
    return null;
  }
  const proposal = ctx.allocate();
  const attrs = { id: newNodeId(), inserted: proposal, deleted: null };
  const node =
    type === treatySchema.nodes.paragraph
      ? type.create(attrs, treatySchema.nodes.body.create())
      : type.create(attrs);
  const tr = state.tr.insert(at, node);
  tr.setSelection(TextSelection.create(tr.doc, at + (type === treatySchema.nodes.paragraph ? 2 : 1)));
  return tr.scrollIntoView();
}

/** Proposes a new article (heading and one paragraph) after the one holding the caret. */
export function proposeNewArticle(state: EditorState, ctx: ProposalContext): Transaction | null {
  const $head = state.selection.$head;
  let at: number | null = null;
  for (let depth = $head.depth; depth > 0; depth--) {
    if ($head.node(depth).type === treatySchema.nodes.article) at = $head.after(depth);
  }
  if (at === null) return null;
  const proposal = ctx.allocate();
  const { nodes } = treatySchema;
  const article = nodes.article.create({ id: newNodeId(), inserted: proposal, deleted: null }, [
    nodes.article_heading.create(),
    nodes.paragraph.create({ id: newNodeId() }, nodes.body.create()),
  ]);
  const tr = state.tr.insert(at, article);
  tr.setSelection(TextSelection.create(tr.doc, at + 2));
  return tr.scrollIntoView();
}

/**
 * Proposes deleting the paragraph holding the caret, or with `article` the whole article. A block one's own
 * open proposal added is removed instead; a block already proposed for deletion is left alone (null).
 */
export function proposeBlockDeletion(
  state: EditorState,
  ctx: ProposalContext,
  article = false,
): Transaction | null {
  const $head = state.selection.$head;
  let target: { pos: number; node: Node } | null = null;
  for (let depth = $head.depth; depth > 0; depth--) {
    const node = $head.node(depth);
    const wanted = article
      ? node.type === treatySchema.nodes.article
      : node.type === treatySchema.nodes.paragraph || node.type === treatySchema.nodes.preambular_paragraph;
    if (wanted) {
      target = { pos: $head.before(depth), node };
      break;
    }
  }
  if (!target || target.node.attrs.deleted) return null;
  if (touchesFrozen(state.doc, target.pos, target.pos + target.node.nodeSize)) return null;
  if (ownOpen(ctx, target.node.attrs.inserted)) {
    // PR13: a proposed block that others amended or bracketed is not one's own to remove any more.
    if (holdsForeign(target.node, ctx)) return null;
    return state.tr.delete(target.pos, target.pos + target.node.nodeSize);
  }
  if (target.node.attrs.inserted) return null;
  const proposal = ctx.allocate();
  return state.tr.setNodeMarkup(target.pos, undefined, { ...target.node.attrs, deleted: proposal });
}

import type { Mark, Node, ResolvedPos } from 'prosemirror-model';
import { type EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import { newNodeId } from '../ids.ts';
import { type ProposalContext, proposeText } from '../proposals/editing.ts';
import { NodeName, treatySchema } from '../schema.ts';
import { statusAt, touchesFrozen } from '../status/frozen.ts';
import { parseInlineBrackets } from '../treaty-text/inline.ts';
import type { BracketAuthor } from './model.ts';
import { scanBrackets } from './scan.ts';

/**
 * Placing brackets and options from the editor (BR2, BR3, BR5). Each function returns the transaction to
 * dispatch, or null when it is not possible there; `allocate()` writes the record of a new bracket (in the
 * Y.Doc, before the text changes, as for proposals) and is called only when the edit will happen.
 */

/** What bracket editing needs: who asks, and how to record a new bracket. */
export interface BracketContext {
  readonly author: BracketAuthor;
  /** Creates the open record of a new bracket (under `id` when given) and returns its id. */
  allocate(options: { reason: string; group: string | null; id?: string }): string;
}

/** Why a bracket cannot be placed, for the interface to say. */
export type BracketRefusal = 'empty' | 'across-blocks' | 'crossing' | 'not-open' | 'no-text' | 'already';

/** A human sentence for each refusal. */
export const BRACKET_REFUSAL: Record<BracketRefusal, string> = {
  empty: 'Select the text to bracket first.',
  'across-blocks': 'A bracket stays inside one paragraph: bracket the whole paragraph or article instead.',
  crossing: 'Brackets nest but never cross: select all or none of the bracketed text.',
  'not-open': 'This paragraph is agreed: the chair must reopen it first.',
  'no-text': 'Brackets go around treaty text, not headings or the title.',
  already: 'This is bracketed already.',
};

const { bracket: bracketType, insertion } = treatySchema.marks;
const BRACKETABLE_TEXT = new Set<string>([NodeName.body, NodeName.preambularParagraph]);

/** The ranges of the inline brackets of the textblock around `$pos`, by id. */
function inlineRanges($pos: ResolvedPos): Map<string, { from: number; to: number }> {
  const ranges = new Map<string, { from: number; to: number }>();
  const start = $pos.start();
  $pos.parent.forEach((child, offset) => {
    for (const mark of child.marks) {
      if (mark.type !== bracketType) continue;
      const id = String(mark.attrs.id);
      const from = start + offset;
      const to = from + child.nodeSize;
      const found = ranges.get(id);
      ranges.set(id, found ? { from: Math.min(found.from, from), to: Math.max(found.to, to) } : { from, to });
    }
  });
  return ranges;
}

/** BR2, BR3, SS3: whether [from, to) can be bracketed; null when it can. */
export function checkBracketRange(doc: Node, from: number, to: number): BracketRefusal | null {
  if (from >= to) return 'empty';
  const $from = doc.resolve(from);
  const $to = doc.resolve(to);
  if (!$from.sameParent($to) || !$from.parent.isTextblock) return 'across-blocks';
  if (!BRACKETABLE_TEXT.has($from.parent.type.name)) return 'no-text';
  if (statusAt($from) !== 'open') return 'not-open';
  for (const range of inlineRanges($from).values()) {
    const crosses =
      (range.from < from && from < range.to && range.to < to) ||
      (from < range.from && range.from < to && to < range.to);
    if (crosses) return 'crossing';
  }
  return null;
}

/** BR2: brackets the selection (inside one paragraph's text) for `ctx.author`, with an optional reason. */
export function bracketSelection(state: EditorState, ctx: BracketContext, reason = ''): Transaction | null {
  const { from, to } = state.selection;
  if (checkBracketRange(state.doc, from, to) !== null) return null;
  const id = ctx.allocate({ reason, group: null });
  return state.tr.addMark(from, to, bracketType.create({ id, group: null }));
}

/** The paragraph-level block (or the article, with `article`) holding the selection's head. */
function targetBlock(state: EditorState, article: boolean): { node: Node; pos: number } | null {
  const $head = state.selection.$head;
  for (let depth = $head.depth; depth > 0; depth--) {
    const node = $head.node(depth);
    const wanted = article
      ? node.type.name === NodeName.article
      : node.type.name === NodeName.paragraph || node.type.name === NodeName.preambularParagraph;
    if (wanted) return { node, pos: $head.before(depth) };
  }
  return null;
}

/** Whether the block can take a bracket of its own; null when it can. */
export function checkBracketBlock(state: EditorState, article: boolean): BracketRefusal | null {
  const target = targetBlock(state, article);
  if (!target) return 'no-text';
  if (target.node.attrs.bracket) return 'already';
  let frozen = statusAt(state.doc.resolve(target.pos + 1)) !== 'open';
  target.node.descendants((child) => {
    if (child.type.name === NodeName.paragraph && child.attrs.status) frozen = true;
    return !frozen;
  });
  return frozen ? 'not-open' : null;
}

/** BR2: brackets the whole paragraph holding the caret, or with `article` the whole article. */
export function bracketBlock(
  state: EditorState,
  ctx: BracketContext,
  article: boolean,
  reason = '',
): Transaction | null {
  if (checkBracketBlock(state, article) !== null) return null;
  const target = targetBlock(state, article)!;
  const id = ctx.allocate({ reason, group: null });
  return state.tr.setNodeMarkup(target.pos, undefined, {
    ...target.node.attrs,
    bracket: id,
    bracketGroup: null,
  });
}

/** The innermost inline bracket holding the selection, by id. */
export function innermostBracketAt(state: EditorState): string | null {
  const { from, to } = state.selection;
  const $from = state.doc.resolve(from);
  if (!$from.parent.isTextblock) return null;
  let best: { id: string; size: number } | null = null;
  for (const [id, range] of inlineRanges($from)) {
    const holds = range.from <= from && to <= range.to && (from < range.to || range.from < from);
    if (holds && (!best || range.to - range.from < best.size)) best = { id, size: range.to - range.from };
  }
  return best?.id ?? null;
}

/**
 * BR5: adds `text` as a new option of the group of the bracket `bracketId` (after its last option), or, with
 * no bracket, brackets the selection and adds `text` as its alternative. A delegate's option text is a new
 * proposal of its own (PR1): `proposals` is its proposal context (null for the chair editing directly).
 */
export function addOption(
  state: EditorState,
  text: string,
  bracketId: string | null,
  ctx: BracketContext,
  proposals: ProposalContext | null,
  reason = '',
): Transaction | null {
  const wording = text.replace(/\s+/g, ' ').trim();
  if (!wording) return null;
  let tr = state.tr;
  let key: string;
  let end: number;
  let outer: Mark[];
  if (bracketId === null) {
    const { from, to } = state.selection;
    if (checkBracketRange(state.doc, from, to) !== null) return null;
    const $to = state.doc.resolve(to);
    outer = ($to.nodeBefore?.marks ?? []).filter(
      (mark) => mark.type === bracketType && inlineRanges($to).get(String(mark.attrs.id))!.from <= from,
    );
    key = ctx.allocate({ reason, group: null });
    tr = tr.addMark(from, to, bracketType.create({ id: key, group: null }));
    end = to;
  } else {
    const scan = scanBrackets(state.doc);
    const span = scan.byId.get(bracketId);
    if (span?.kind !== 'inline') return null;
    if (statusAt(state.doc.resolve(span.from)) !== 'open') return null;
    key = span.key;
    const last = scan.spans.filter((other) => other.key === key && other.kind === 'inline').at(-1)!;
    end = last.to;
    outer = (state.doc.resolve(end).nodeBefore?.marks ?? []).filter((mark) => {
      const around = scan.byId.get(String(mark.attrs.id));
      return (
        mark.type === bracketType &&
        around !== undefined &&
        around.key !== key &&
        around.depth < last.depth &&
        around.from <= last.from
      );
    });
  }
  const optionId = ctx.allocate({ reason: '', group: key });
  const proposal = proposals ? [insertion.create({ proposal: proposals.allocate() })] : [];
  const option = bracketType.create({ id: optionId, group: key });
  tr.insert(end, [
    treatySchema.text(' ', [...proposal, ...outer]),
    treatySchema.text(wording, [...proposal, option, ...outer]),
  ]);
  tr.setSelection(TextSelection.create(tr.doc, end + 1 + wording.length));
  return tr.scrollIntoView();
}

/**
 * BR5, NU8: adds a paragraph alternative ("5 alt") with `text` after the paragraph holding the caret and its
 * alternatives; the paragraph is bracketed first when it is not. A delegate's alternative is a new proposal.
 */
export function addParagraphAlternative(
  state: EditorState,
  text: string,
  ctx: BracketContext,
  proposals: ProposalContext | null,
  reason = '',
): Transaction | null {
  const wording = text.replace(/\s+/g, ' ').trim();
  const target = targetBlock(state, false);
  if (!wording || !target) return null;
  if (statusAt(state.doc.resolve(target.pos + 1)) !== 'open') return null;
  let tr = state.tr;
  let key = (target.node.attrs.bracketGroup as string | null) ?? (target.node.attrs.bracket as string | null);
  if (!key) {
    key = ctx.allocate({ reason, group: null });
    tr = tr.setNodeMarkup(target.pos, undefined, { ...target.node.attrs, bracket: key, bracketGroup: null });
  }
  // After the last alternative of the group that follows the paragraph.
  const $start = state.doc.resolve(target.pos);
  const parent = $start.parent;
  let index = $start.index();
  let at = target.pos + target.node.nodeSize;
  while (index + 1 < parent.childCount) {
    const next = parent.child(index + 1);
    if (next.type !== target.node.type || next.attrs.bracketGroup !== key) break;
    at += next.nodeSize;
    index += 1;
  }
  const attrs = {
    id: newNodeId(),
    inserted: proposals ? proposals.allocate() : null,
    deleted: null,
    bracket: ctx.allocate({ reason: '', group: key }),
    bracketGroup: key,
  };
  const content = treatySchema.text(wording);
  const node =
    target.node.type === treatySchema.nodes.paragraph
      ? target.node.type.create(attrs, treatySchema.nodes.body.create(null, content))
      : target.node.type.create(attrs, content);
  tr.insert(at, node);
  tr.setSelection(TextSelection.near(tr.doc.resolve(at + node.nodeSize - 1), -1));
  return tr.scrollIntoView();
}

/** What pasting bracketed text gave: the transaction, or why the notation was refused (then paste it as text). */
export type BracketPaste = { ok: true; tr: Transaction } | { ok: false; column: number; message: string };

/**
 * Paste from a word processor (TX12, TX13): text in the conventional notation ("[shall] [should]", "[Option 1:
 * ...] [Option 2: ...]") becomes brackets and options of `ctx.author` over the pasted text. A delegate's paste is
 * a proposal like its typing (`proposals`); the chair editing directly passes null. Returns null when the text
 * has no brackets (or cannot go there), so that the usual paste runs; a malformed notation is a refusal with
 * its column.
 */
export function pasteBracketedText(
  state: EditorState,
  text: string,
  ctx: BracketContext,
  proposals: ProposalContext | null,
): BracketPaste | null {
  const line = text.replace(/\s*\n\s*/g, ' ');
  if (!/[[\]]/.test(line)) return null;
  const parsed = parseInlineBrackets(line);
  if (!parsed.ok) return { ok: false, column: parsed.column, message: parsed.message };
  const plain = parsed.runs.map((run) => run.text).join('');
  if (!plain) return null;
  const { from, to } = state.selection;
  if (touchesFrozen(state.doc, from, to) || !state.doc.resolve(from).parent.isTextblock) return null;
  let tr: Transaction | null;
  if (proposals) tr = proposeText(state, from, to, plain, proposals);
  else tr = state.tr.insertText(plain, from, to);
  if (!tr) return null;
  const start = proposals ? tr.selection.from - plain.length : tr.mapping.map(from, -1);
  const allocated = new Map<string, string>();
  let offset = start;
  for (const run of parsed.runs) {
    for (const bracket of run.brackets) {
      if (!allocated.has(bracket.id))
        allocated.set(bracket.id, ctx.allocate({ reason: '', group: bracket.group, id: bracket.id }));
      tr.addMark(
        offset,
        offset + run.text.length,
        bracketType.create({ id: bracket.id, group: bracket.group }),
      );
    }
    offset += run.text.length;
  }
  return { ok: true, tr: tr.scrollIntoView() };
}

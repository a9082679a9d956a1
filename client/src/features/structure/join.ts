import { treatySchema } from '@travaux/shared';
import { Fragment, type Node, type ResolvedPos } from 'prosemirror-model';
import {
  type Command,
  type EditorState,
  Selection,
  TextSelection,
  type Transaction,
} from 'prosemirror-state';
import { atLevel, blockLevel, lastTextEnd } from './blocks.ts';

const { nodes } = treatySchema;

type Dispatch = ((tr: Transaction) => void) | undefined;

/**
 * Joins the body starting at `$pos` into the text before it, keeping the treaty's structure valid: into the
 * previous sibling's last line (sub-blocks follow), or into the parent's body (sub-blocks move up a level).
 * The first paragraph of an article never merges into the heading: an empty one is removed, otherwise the
 * cursor just moves up.
 */
function joinBody(state: EditorState, $pos: ResolvedPos, dispatch: Dispatch): boolean {
  const blockDepth = $pos.depth - 1;
  const block = $pos.node(blockDepth);
  const level = blockLevel(block);
  if (level < 0) return false;
  if (!dispatch) return true;

  const blockStart = $pos.before(blockDepth);
  const blockEnd = blockStart + block.nodeSize;
  const $block = state.doc.resolve(blockStart);
  const container = $block.parent;
  const index = $block.index();
  const previous = index > 0 ? container.child(index - 1) : null;
  const body = block.child(0);
  const children = block.content.cut(body.nodeSize);
  const tr = state.tr;
  let cursor: number;

  if (previous && previous.type === block.type) {
    cursor = lastTextEnd(previous, blockStart - previous.nodeSize);
    // Work from the end backwards so that earlier positions stay valid without mapping.
    tr.delete(blockStart, blockEnd);
    if (children.size > 0) tr.insert(blockStart - 1, children);
    if (body.content.size > 0) tr.insert(cursor, body.content);
  } else if (level >= 1) {
    // First sub-block: its text joins the parent's body; its own sub-blocks move up to take its place.
    cursor = $block.before() + container.child(0).nodeSize;
    const promoted: Node[] = [];
    children.forEach((child) => {
      promoted.push(atLevel(child, level) as Node);
    });
    tr.replaceWith(blockStart, blockEnd, Fragment.from(promoted));
    if (body.content.size > 0) tr.insert(cursor, body.content);
  } else {
    cursor = blockStart - 1;
    if (block.textContent === '' && block.childCount === 1) tr.delete(blockStart, blockEnd);
  }
  tr.setSelection(TextSelection.create(tr.doc, cursor));
  dispatch(tr.scrollIntoView());
  return true;
}

/** Joins a preambular paragraph into the previous one; the first one never merges into the title. */
function joinPreambular(state: EditorState, $pos: ResolvedPos, dispatch: Dispatch): boolean {
  if (!dispatch) return true;
  const start = $pos.before();
  const tr = state.tr;
  if ($pos.index(-1) > 0) {
    tr.join(start);
    tr.setSelection(TextSelection.create(tr.doc, start - 1));
  } else {
    if ($pos.parent.content.size === 0) tr.delete(start, start + $pos.parent.nodeSize);
    // Before the paragraph is the preamble's opening token, and before that the end of the title.
    tr.setSelection(TextSelection.create(tr.doc, start - 2));
  }
  dispatch(tr.scrollIntoView());
  return true;
}

/**
 * At the start of an article or chapter heading nothing merges (that would dissolve an article); an entirely
 * empty article is removed, otherwise the cursor moves to the end of the text before.
 */
function leaveHeading(state: EditorState, $pos: ResolvedPos, dispatch: Dispatch): boolean {
  if (!dispatch) return true;
  const container = $pos.node(-1);
  const start = $pos.before(-1);
  const tr = state.tr;
  if (container.type === nodes.article && container.textContent === '') {
    tr.delete(start, start + container.nodeSize);
  }
  const before = Selection.findFrom(tr.doc.resolve(Math.min(start, tr.doc.content.size)), -1, true);
  if (before) tr.setSelection(before);
  dispatch(tr.scrollIntoView());
  return true;
}

function joinAtTextblockStart(state: EditorState, $pos: ResolvedPos, dispatch: Dispatch): boolean {
  switch ($pos.parent.type) {
    case nodes.body:
      return joinBody(state, $pos, dispatch);
    case nodes.preambular_paragraph:
      return joinPreambular(state, $pos, dispatch);
    case nodes.article_heading:
    case nodes.chapter_heading:
    case nodes.division_heading:
      return leaveHeading(state, $pos, dispatch);
    default:
      return false;
  }
}

/** Backspace at the start of a line of treaty text: a join that respects the structure (see `joinBody`). */
export const joinBackward: Command = (state, dispatch) => {
  const { $cursor } = state.selection as TextSelection;
  if (!$cursor || $cursor.parentOffset > 0) return false;
  return joinAtTextblockStart(state, $cursor, dispatch);
};

/** Delete at the end of a line: the next line joins this one, by the same rules as Backspace at its start. */
export const joinForward: Command = (state, dispatch) => {
  const { $cursor } = state.selection as TextSelection;
  if (!$cursor || $cursor.parentOffset < $cursor.parent.content.size) return false;
  const next = Selection.findFrom(state.doc.resolve($cursor.after()), 1, true);
  if (!next) return false;
  return joinAtTextblockStart(state, next.$from, dispatch);
};

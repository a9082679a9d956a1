import { Fragment, type Node } from 'prosemirror-model';
import { type Command, type EditorState, TextSelection } from 'prosemirror-state';
import { type Ancestor, atLevel, blockLevel, enclosingBlock, levelType } from './blocks.ts';

/**
 * The block demoting or promoting (Alt+Shift+→, Alt+Shift+←) acts on: the innermost paragraph, subparagraph or clause holding the whole
 * selection. Null when the selection leaves it (indenting several blocks at once is not supported).
 */
function targetBlock(state: EditorState): Ancestor | null {
  const { $from, to } = state.selection;
  const block = enclosingBlock($from);
  if (!block || to > block.pos + block.node.nodeSize - 1) return null;
  return block;
}

/** Moves the selection to the same offsets inside a block that now starts at `newStart`. */
function selectionInMovedBlock(
  state: EditorState,
  oldStart: number,
  newStart: number,
  doc: Node,
): TextSelection {
  const { anchor, head } = state.selection;
  return TextSelection.create(doc, newStart + (anchor - oldStart), newStart + (head - oldStart));
}

/**
 * Demote (Alt+Shift+→): the block becomes the last sub-block of its previous sibling, one level down ("2." becomes "1. (c)"),
 * keeping its id; its own sub-blocks go down with it. Refused (false) without a previous sibling of the same
 * level or when that would put sub-blocks below clauses.
 */
export const demoteBlock: Command = (state, dispatch) => {
  const target = targetBlock(state);
  if (!target) return false;
  const { node: block, pos } = target;
  const $block = state.doc.resolve(pos);
  const index = $block.index();
  const previous = index > 0 ? $block.parent.child(index - 1) : null;
  if (!previous || previous.type !== block.type) return false;
  const demoted = atLevel(block, blockLevel(block) + 1);
  if (!demoted) return false;
  if (!dispatch) return true;

  const from = pos - previous.nodeSize;
  const merged = previous.copy(previous.content.append(Fragment.from(demoted)));
  const tr = state.tr.replaceWith(from, pos + block.nodeSize, merged);
  // The demoted block sits right after the previous sibling's old content; its inner layout is unchanged.
  const newStart = from + 1 + previous.content.size;
  tr.setSelection(selectionInMovedBlock(state, pos, newStart, tr.doc));
  dispatch(tr.scrollIntoView());
  return true;
};

/**
 * Promote (Alt+Shift+←): a subparagraph or clause moves up one level to follow its parent block, keeping its id. The
 * siblings that followed it become its sub-blocks, so the text keeps its reading order. Refused for paragraphs.
 */
export const promoteBlock: Command = (state, dispatch) => {
  const target = targetBlock(state);
  if (!target) return false;
  const { node: block, pos } = target;
  const level = blockLevel(block);
  const upType = levelType(level - 1);
  if (level < 1 || !upType) return false;
  if (!dispatch) return true;

  const $block = state.doc.resolve(pos);
  const parent = $block.parent;
  const parentPos = $block.before();
  const index = $block.index();

  const ownChildren: Node[] = [];
  for (let i = 1; i < block.childCount; i++) {
    // Moving up a level always fits: a sub-block's children become siblings one level up.
    ownChildren.push(atLevel(block.child(i), level) as Node);
  }
  const followers: Node[] = [];
  for (let i = index + 1; i < parent.childCount; i++) followers.push(parent.child(i));
  const body = block.child(0);
  const promoted = upType.createChecked(block.attrs, [body, ...ownChildren, ...followers]);
  const keptParent = parent.copy(parent.content.cut(0, $block.parentOffset));

  const tr = state.tr.replaceWith(parentPos, parentPos + parent.nodeSize, [keptParent, promoted]);
  const newStart = parentPos + keptParent.nodeSize;
  tr.setSelection(selectionInMovedBlock(state, pos, newStart, tr.doc));
  dispatch(tr.scrollIntoView());
  return true;
};

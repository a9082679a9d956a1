import { newNodeId, treatySchema } from '@travaux/shared';
import { type Command, Selection, TextSelection, type Transaction } from 'prosemirror-state';
import { blockLevel, emptyArticle, emptyBlock, levelType } from './blocks.ts';

const { nodes } = treatySchema;

/** The transaction with a non-empty selection inside one textblock deleted, or null when it spans blocks. */
function withSelectionCleared(tr: Transaction): Transaction | null {
  const { $from, $to, empty } = tr.selection;
  if (empty) return tr;
  if (!$from.sameParent($to) || !$from.parent.isTextblock) return null;
  return tr.deleteSelection();
}

/**
 * Enter in the body of a paragraph, subparagraph or clause. At the end: a new empty sibling of the same level
 * with a fresh id (or, when the block has sub-blocks, a new first sub-block, so that "States Parties shall:"
 * followed by Enter starts "(a)"). At the start of a non-empty body: an empty sibling before, so the id stays
 * with its text (ID rules). In the middle: the block is split and the second half gets a fresh id.
 */
export const enterInBlockBody: Command = (state, dispatch) => {
  if (state.selection.$from.parent.type !== nodes.body) return false;
  const tr = withSelectionCleared(state.tr);
  if (!tr) return false;
  const $pos = tr.selection.$from;
  const blockDepth = $pos.depth - 1;
  const block = $pos.node(blockDepth);
  const level = blockLevel(block);
  if (level < 0) return false;
  if (!dispatch) return true;

  const body = $pos.parent;
  const atEnd = $pos.parentOffset === body.content.size;
  const childType = levelType(level + 1);
  if (atEnd && block.childCount > 1 && childType) {
    const at = $pos.after();
    tr.insert(at, emptyBlock(childType));
    tr.setSelection(TextSelection.create(tr.doc, at + 2));
  } else if ($pos.parentOffset === 0 && body.content.size > 0) {
    const before = $pos.before(blockDepth);
    tr.insert(before, emptyBlock(block.type));
    tr.setSelection(TextSelection.create(tr.doc, tr.mapping.map($pos.pos)));
  } else {
    // Split depth 2 closes the body and the block and opens a new block (fresh id) and body: four tokens.
    tr.split($pos.pos, 2, [
      { type: block.type, attrs: { ...block.attrs, id: newNodeId() } },
      { type: nodes.body },
    ]);
    tr.setSelection(TextSelection.create(tr.doc, $pos.pos + 4));
  }
  dispatch(tr.scrollIntoView());
  return true;
};

/** Enter in a preambular paragraph: split it, the second half with a fresh id (an empty one before, at its start). */
export const enterInPreambularParagraph: Command = (state, dispatch) => {
  if (state.selection.$from.parent.type !== nodes.preambular_paragraph) return false;
  const tr = withSelectionCleared(state.tr);
  if (!tr) return false;
  if (!dispatch) return true;
  const $pos = tr.selection.$from;
  const pp = $pos.parent;
  if ($pos.parentOffset === 0 && pp.content.size > 0) {
    tr.insert($pos.before(), nodes.preambular_paragraph.create({ id: newNodeId() }));
    tr.setSelection(TextSelection.create(tr.doc, tr.mapping.map($pos.pos)));
  } else {
    tr.split($pos.pos, 1, [{ type: pp.type, attrs: { ...pp.attrs, id: newNodeId() } }]);
    tr.setSelection(TextSelection.create(tr.doc, $pos.pos + 2));
  }
  dispatch(tr.scrollIntoView());
  return true;
};

/** Enter in an article heading: to the start of the first paragraph, creating one if the article has none. */
export const enterInArticleHeading: Command = (state, dispatch) => {
  const { $head } = state.selection;
  if ($head.parent.type !== nodes.article_heading) return false;
  if (!dispatch) return true;
  const tr = state.tr;
  const firstParagraphPos = $head.after();
  if ($head.node(-1).childCount < 2) tr.insert(firstParagraphPos, emptyBlock(nodes.paragraph));
  // Inside the paragraph (+1) and its body (+1).
  tr.setSelection(TextSelection.create(tr.doc, firstParagraphPos + 2));
  dispatch(tr.scrollIntoView());
  return true;
};

/**
 * Enter in a chapter or division heading (ST5): to the heading of its first article or division, creating an
 * article if it holds nothing.
 */
export const enterInChapterHeading: Command = (state, dispatch) => {
  const { $head } = state.selection;
  if ($head.parent.type !== nodes.chapter_heading && $head.parent.type !== nodes.division_heading)
    return false;
  if (!dispatch) return true;
  const tr = state.tr;
  const firstArticlePos = $head.after();
  if ($head.node(-1).childCount < 2) tr.insert(firstArticlePos, emptyArticle());
  tr.setSelection(TextSelection.create(tr.doc, firstArticlePos + 2));
  dispatch(tr.scrollIntoView());
  return true;
};

/** Enter in the title: to the next line of text, starting the preamble when the treaty has nothing else yet. */
export const enterInTitle: Command = (state, dispatch) => {
  const { $head } = state.selection;
  if ($head.parent.type !== nodes.title) return false;
  if (!dispatch) return true;
  const tr = state.tr;
  const next = Selection.findFrom(tr.doc.resolve($head.after()), 1, true);
  if (next) {
    tr.setSelection(next);
  } else {
    // The preamble follows the title; its end is inside it, after any (here: no) paragraphs.
    const preambleEnd = $head.after() + tr.doc.child(1).nodeSize - 1;
    tr.insert(preambleEnd, nodes.preambular_paragraph.create({ id: newNodeId() }));
    tr.setSelection(TextSelection.create(tr.doc, preambleEnd + 1));
  }
  dispatch(tr.scrollIntoView());
  return true;
};

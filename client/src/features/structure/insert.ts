import { NodeName, newNodeId, treatySchema } from '@travaux/shared';
import type { Node } from 'prosemirror-model';
import { type Command, type EditorState, TextSelection } from 'prosemirror-state';
import { emptyArticle, emptyBlock, enclosing } from './blocks.ts';

const { nodes } = treatySchema;

/** Where a new article goes: after the current article; first in the current chapter; else first of all. */
function articleInsertPos(state: EditorState): number {
  const { $head } = state.selection;
  const article = enclosing($head, NodeName.article);
  if (article) return article.pos + article.node.nodeSize;
  const chapter = enclosing($head, NodeName.chapter);
  if (chapter) return chapter.pos + 1 + chapter.node.child(0).nodeSize;
  const doc = state.doc;
  const afterPreamble = doc.child(0).nodeSize + doc.child(1).nodeSize;
  const first = doc.maybeChild(2);
  // Once a treaty has chapters every article belongs to one (TX rules): use the first chapter.
  if (first?.type === nodes.chapter) return afterPreamble + 1 + first.child(0).nodeSize;
  return afterPreamble;
}

/** Inserts a new article (empty heading, one empty paragraph, fresh ids) after the current one; cursor in its heading. */
export const insertArticle: Command = (state, dispatch) => {
  if (!dispatch) return true;
  const at = articleInsertPos(state);
  const tr = state.tr.insert(at, emptyArticle());
  tr.setSelection(TextSelection.create(tr.doc, at + 2));
  dispatch(tr.scrollIntoView());
  return true;
};

/**
 * Inserts a new numbered paragraph after the one holding the cursor (first of the article from its heading),
 * or a new preambular paragraph after the current one in the preamble. False in titles and chapter headings.
 */
export const insertParagraph: Command = (state, dispatch) => {
  const { $head } = state.selection;
  let at: number;
  let block: Node;
  const paragraph = enclosing($head, NodeName.paragraph);
  const pp = enclosing($head, NodeName.preambularParagraph);
  if (paragraph) {
    at = paragraph.pos + paragraph.node.nodeSize;
    block = emptyBlock(nodes.paragraph);
  } else if ($head.parent.type === nodes.article_heading) {
    at = $head.after();
    block = emptyBlock(nodes.paragraph);
  } else if (pp) {
    at = pp.pos + pp.node.nodeSize;
    block = nodes.preambular_paragraph.create({ id: newNodeId() });
  } else {
    return false;
  }
  if (!dispatch) return true;
  const tr = state.tr.insert(at, block);
  // Into the block (+1) and, for a numbered paragraph, its body (+1).
  tr.setSelection(TextSelection.create(tr.doc, at + (block.type === nodes.paragraph ? 2 : 1)));
  dispatch(tr.scrollIntoView());
  return true;
};

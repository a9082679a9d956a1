import * as Y from 'yjs';
import { treatyFragment } from '../ydoc.ts';
import { elementType, ROOT_NODE } from './layout.ts';
import type { ShapeProblem } from './problem.ts';
import { attributesProblem, blockOf, childrenProblem, elementDeepProblem, textProblem } from './structure.ts';

/**
 * The post-check (SH2–SH5): starts watching `doc`; apply one update, then `finish()` gives the first shape
 * problem of what the update's transaction touched, or null. Only the touched parts are read: elements whose
 * child list or attributes changed, texts that changed, and the subtrees the update added. What only the
 * integrated result shows (the order of children against content expressions) is checked here; the rest was
 * refused before by `updateShapeProblem`. Must be finished in the same tick.
 */
export function watchShape(doc: Y.Doc): { finish(): ShapeProblem | null } {
  // The root must be typed as a fragment for its changes to read as element lists.
  const fragment = treatyFragment(doc);
  const transactions: Y.Transaction[] = [];
  const record = (transaction: Y.Transaction) => {
    transactions.push(transaction);
  };
  doc.on('afterTransaction', record);
  return {
    finish: () => {
      doc.off('afterTransaction', record);
      for (const transaction of transactions) {
        const found = touchedProblem(transaction, fragment);
        if (found) return found;
      }
      return null;
    },
  };
}

function touchedProblem(transaction: Y.Transaction, fragment: Y.XmlFragment): ShapeProblem | null {
  const fresh = (item: Y.Item | null) =>
    item !== null && item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);
  for (const [type, keys] of transaction.changed) {
    if (type._item?.deleted) continue;
    if (type instanceof Y.XmlText) {
      const found = textProblem(type, blockOf(type));
      if (found) return found;
      continue;
    }
    if (!(type instanceof Y.XmlFragment)) continue;
    const nodeType =
      type === fragment ? ROOT_NODE : type instanceof Y.XmlElement ? elementType(type.nodeName) : null;
    if (nodeType === null) return { rule: 'SH2', message: 'an element outside the treaty schema changed' };
    if (type instanceof Y.XmlElement && [...keys].some((key) => key !== null)) {
      const found = attributesProblem(type, nodeType);
      if (found) return found;
    }
    if (!keys.has(null)) continue;
    const found = childrenProblem(type, nodeType);
    if (found) return found;
    // Subtrees this update added are not in `changed` themselves (Yjs records changes of older types only).
    for (let item = type._start; item !== null; item = item.right) {
      if (item.deleted || !fresh(item)) continue;
      const child = (item.content as Y.ContentType).type;
      const inner =
        child instanceof Y.XmlText ? textProblem(child, nodeType) : elementDeepProblem(child as Y.XmlElement);
      if (inner) return inner;
    }
  }
  return null;
}

import type { Node } from 'prosemirror-model';
import type * as Y from 'yjs';
import { type BracketAuthor, bracketsMap, newBracketRecord } from './model.ts';
import { scanBrackets } from './scan.ts';

/** Who the brackets of an imported text belong to: the Chair's text, as the secretariat compiled it. */
export const IMPORTED_BRACKETS: BracketAuthor = {
  delegation: null,
  personId: 'import',
  personName: 'Imported text',
};

/**
 * BR1, TX12: gives every bracket of `doc` (a parsed text written into `ydoc`) an open record, so that brackets
 * pasted or imported in the conventional notation are brackets like any other. Returns how many it recorded.
 */
export function recordImportedBrackets(
  ydoc: Y.Doc,
  doc: Node,
  author: BracketAuthor = IMPORTED_BRACKETS,
  now = new Date(),
): number {
  const records = bracketsMap(ydoc);
  let count = 0;
  ydoc.transact(() => {
    for (const span of scanBrackets(doc).spans) {
      if (records.has(span.id)) continue;
      records.set(span.id, newBracketRecord(author, { id: span.id, group: span.group, reason: '', now }));
      count += 1;
    }
  });
  return count;
}

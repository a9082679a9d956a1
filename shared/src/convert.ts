import type { Node } from 'prosemirror-model';
import { prosemirrorToYXmlFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import { readTreatyStructure } from './shape/read.ts';
import { treatyFragment } from './ydoc.ts';

/** Writes `doc` into the treaty fragment of `ydoc` (a new Y.Doc by default) and returns that Y.Doc. */
export function treatyToYDoc(doc: Node, ydoc: Y.Doc = new Y.Doc()): Y.Doc {
  prosemirrorToYXmlFragment(doc, treatyFragment(ydoc));
  return ydoc;
}

/**
 * The treaty held by `ydoc`; an empty Y.Doc (or one whose fragment is empty) yields an empty treaty (ST1). Reads
 * without changing `ydoc` (SH8): structure that does not fit the schema is left out or filled, as `readTreatyStructure`
 * reports; call that to see the problems.
 */
export function treatyFromYDoc(ydoc: Y.Doc): Node {
  return readTreatyStructure(ydoc).doc;
}

/** The full Yjs update of a fresh Y.Doc holding `doc`: what the server stores as a new document's first state. */
export function encodeTreatyUpdate(doc: Node): Uint8Array {
  const ydoc = treatyToYDoc(doc);
  const update = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return update;
}

/** The text of the treaty's title node in `ydoc` ('' when there is none). */
export function treatyTitle(ydoc: Y.Doc): string {
  const first = treatyFragment(ydoc).get(0);
  if (first instanceof Y.XmlElement && first.nodeName === 'title') {
    return first
      .toArray()
      .map((child) => (child instanceof Y.XmlText ? child.toString() : ''))
      .join('')
      .replace(/<[^>]*>/g, '');
  }
  return '';
}

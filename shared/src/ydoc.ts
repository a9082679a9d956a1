import type * as Y from 'yjs';

/**
 * Layout of a Travaux Y.Doc (documented in README, "Y.Doc layout"). The ProseMirror content lives in one
 * `Y.XmlFragment`, bound by y-prosemirror; later features add their own top-level types beside it.
 */
export const YDOC_LAYOUT = {
  /** `Y.XmlFragment`: the treaty text as ProseMirror nodes (see `treatySchema`). */
  treaty: 'treaty',
} as const;

/** The fragment that holds the treaty text of `ydoc`. */
export function treatyFragment(ydoc: Y.Doc): Y.XmlFragment {
  return ydoc.getXmlFragment(YDOC_LAYOUT.treaty);
}

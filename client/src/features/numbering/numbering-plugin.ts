import { type NumberedBlock, numberTreaty } from '@travaux/shared';
import type { Node } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { changesMapping, textblockChanges } from '../../editor/block-decorations.ts';

/** Key of the numbering plugin; its state is the DecorationSet of derived numbers. */
export const numberingKey = new PluginKey<DecorationSet>('numbering');

/** What each numbering decoration carries in its spec, for tests and tools. */
export interface NumberSpec {
  readonly label: string;
  readonly kind: NumberedBlock['kind'];
}

/**
 * Node decorations setting `data-number` ("Article 3", "1.", "(a)", "(i)", "PP1", "Chapter I") on every
 * numbered block. Numbers are derived, never stored (NU rules): CSS shows them with ::before, so they cannot
 * be typed over or copied into the text.
 */
export function numberingDecorations(doc: Node): DecorationSet {
  const decorations: Decoration[] = [];
  const blocks = numberTreaty(doc);
  // The title is an h1, chapter headings h2 and article headings h3: without chapters, article headings say
  // they are of level 2, so the outline of headings a screen reader lists has no gap (axe's heading-order).
  const chapters = blocks.some((block) => block.kind === 'chapter' || block.kind === 'division');
  for (const block of blocks) {
    const node = doc.nodeAt(block.pos);
    if (!node) continue;
    const spec: NumberSpec = { label: block.label, kind: block.kind };
    decorations.push(
      Decoration.node(block.pos, block.pos + node.nodeSize, { 'data-number': block.label }, spec),
    );
    const heading = node.firstChild;
    if (block.kind === 'article' && !chapters && heading?.isTextblock)
      decorations.push(
        Decoration.node(block.pos + 1, block.pos + 1 + heading.nodeSize, { 'aria-level': '2' }),
      );
  }
  return DecorationSet.create(doc, decorations);
}

/**
 * Numbers follow from block structure only (NU1–NU6), so typing inside blocks (any number of them) only moves
 * them; any other change (a block added, removed, split, joined or moved) renumbers the whole treaty.
 */
function nextNumbering(before: Node, after: Node, previous: DecorationSet): DecorationSet {
  const changes = textblockChanges(before, after);
  // Same content (a node rebuilt as an equal one): every position still holds.
  if (changes === null) return previous;
  if (changes !== 'structure') return previous.map(changesMapping(changes), after);
  return numberingDecorations(after);
}

/** The numbering plugin: renumbers when the block structure changes, and only moves the numbers otherwise. */
export function numberingPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: numberingKey,
    state: {
      init: (_config, state) => numberingDecorations(state.doc),
      apply: (tr, previous) => (tr.docChanged ? nextNumbering(tr.before, tr.doc, previous) : previous),
    },
    props: {
      decorations: (state) => numberingKey.getState(state),
    },
  });
}

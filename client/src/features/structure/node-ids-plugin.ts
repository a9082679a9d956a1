import { ensureNodeIds, ID_BEARING_NODES } from '@travaux/shared';
import { Fragment, type Node, Slice } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import { textblockChanges } from '../../editor/block-decorations.ts';

/** Key of the plugin that keeps every id-bearing node's id present and unique. */
export const nodeIdsKey = new PluginKey('node-ids');

const idBearing = new Set<string>(ID_BEARING_NODES);

function withoutIds(fragment: Fragment): Fragment {
  const nodes: Node[] = [];
  fragment.forEach((node) => {
    const content = withoutIds(node.content);
    nodes.push(
      idBearing.has(node.type.name) && node.attrs.id !== null
        ? node.type.create({ ...node.attrs, id: null }, content, node.marks)
        : node.copy(content),
    );
  });
  return Fragment.from(nodes);
}

/** A pasted slice with every id cleared, so pasted blocks get fresh ids and never steal the originals'. */
export function stripIds(slice: Slice): Slice {
  return new Slice(withoutIds(slice.content), slice.openStart, slice.openEnd);
}

/**
 * After any change, gives fresh ids to id-bearing nodes whose id is missing or repeats an earlier one
 * (`ensureNodeIds`): splits, joins, pastes and drops can copy attributes. Pasted content loses its ids first.
 */
export function nodeIdsPlugin(): Plugin {
  return new Plugin({
    key: nodeIdsKey,
    appendTransaction(transactions, oldState, newState) {
      if (!transactions.some((tr) => tr.docChanged)) return null;
      // Typing inside blocks cannot copy or drop an id: only block changes need the (whole-document) check.
      if (textblockChanges(oldState.doc, newState.doc) !== 'structure') return null;
      return ensureNodeIds(newState);
    },
    props: {
      transformPasted: (slice) => stripIds(slice),
    },
  });
}

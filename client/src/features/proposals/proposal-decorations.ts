import { delegationColor, MarkName, NEUTRAL_COLOR } from '@travaux/shared';
import type { Node } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { ProposalInfo } from './proposal-store.ts';

/** Key of the decorations plugin; dispatch `setMeta(proposalDecorationsKey, info)` when proposals change. */
export const proposalDecorationsKey = new PluginKey<{ info: ProposalInfo; set: DecorationSet }>(
  'proposal-decorations',
);

function colourOf(info: ProposalInfo, id: string): string {
  const delegation = info.records.get(id)?.delegation;
  return delegation ? delegationColor(delegation) : NEUTRAL_COLOR;
}

/**
 * Insertions underlined and deletions struck through in the colour of the proposing delegation, with the
 * attribution formula as their title (shown on hover; the proposals panel shows it for the caret too).
 */
export function proposalDecorations(doc: Node, info: ProposalInfo): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    for (const key of ['inserted', 'deleted'] as const) {
      const id = node.attrs[key] as string | null | undefined;
      if (!id) continue;
      decorations.push(
        Decoration.node(pos, pos + node.nodeSize, {
          class: key === 'inserted' ? 'proposed-block-insertion' : 'proposed-block-deletion',
          style: `--proposal-colour: ${colourOf(info, id)}`,
          title: `${key === 'inserted' ? 'New' : 'Deletion of'} ${node.type.name.replace('_', ' ')} proposed by ${info.lines.get(id) ?? 'a delegation'}`,
        }),
      );
    }
    if (!node.isText) return true;
    for (const mark of node.marks) {
      if (mark.type.name !== MarkName.insertion && mark.type.name !== MarkName.deletion) continue;
      const id = String(mark.attrs.proposal);
      const status = info.records.get(id)?.status ?? 'open';
      decorations.push(
        Decoration.inline(pos, pos + node.nodeSize, {
          // The span sits inside the <ins>/<del> of the mark, so it carries the colour and the line itself.
          class: mark.type.name === MarkName.insertion ? 'proposal-span inserted' : 'proposal-span deleted',
          style: `--proposal-colour: ${colourOf(info, id)}`,
          title: `${mark.type.name === MarkName.insertion ? 'Proposed insertion' : 'Proposed deletion'} (${status}): ${info.lines.get(id) ?? 'unknown proposal'}`,
        }),
      );
    }
    return false;
  });
  return DecorationSet.create(doc, decorations);
}

/** The plugin keeping those decorations in step with the document and the proposal records. */
export function proposalDecorationsPlugin(initial: ProposalInfo): Plugin {
  return new Plugin({
    key: proposalDecorationsKey,
    state: {
      init: (_config, state) => ({ info: initial, set: proposalDecorations(state.doc, initial) }),
      apply(tr, value) {
        const info = (tr.getMeta(proposalDecorationsKey) as ProposalInfo | undefined) ?? value.info;
        if (info === value.info && !tr.docChanged) return value;
        return { info, set: proposalDecorations(tr.doc, info) };
      },
    },
    props: {
      decorations: (state) => proposalDecorationsKey.getState(state)?.set,
    },
  });
}

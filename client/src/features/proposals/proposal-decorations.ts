import { delegationColor, MarkName, NEUTRAL_COLOR } from '@travaux/shared';
import type { Node } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { redecorateChanged } from '../../editor/block-decorations.ts';
import type { ProposalInfo } from './proposal-store.ts';

/** Key of the decorations plugin; dispatch `setMeta(proposalDecorationsKey, info)` when proposals change. */
export const proposalDecorationsKey = new PluginKey<{ info: ProposalInfo; set: DecorationSet }>(
  'proposal-decorations',
);

function colourOf(info: ProposalInfo, id: string): string {
  const delegation = info.records.get(id)?.delegation;
  return delegation ? delegationColor(delegation) : NEUTRAL_COLOR;
}

/** The decorations of one node (block or text) of a proposal; none for a node outside proposals. */
function nodeDecorations(node: Node, pos: number, info: ProposalInfo, out: Decoration[]): void {
  for (const key of ['inserted', 'deleted'] as const) {
    const id = node.attrs[key] as string | null | undefined;
    if (!id) continue;
    out.push(
      Decoration.node(pos, pos + node.nodeSize, {
        class: key === 'inserted' ? 'proposed-block-insertion' : 'proposed-block-deletion',
        style: `--proposal-colour: ${colourOf(info, id)}`,
        title: `${key === 'inserted' ? 'New' : 'Deletion of'} ${node.type.name.replace('_', ' ')} proposed by ${info.lines.get(id) ?? 'a delegation'}`,
      }),
    );
  }
  if (!node.isText) return;
  for (const mark of node.marks) {
    if (mark.type.name !== MarkName.insertion && mark.type.name !== MarkName.deletion) continue;
    const id = String(mark.attrs.proposal);
    const status = info.records.get(id)?.status ?? 'open';
    out.push(
      Decoration.inline(pos, pos + node.nodeSize, {
        // The span sits inside the <ins>/<del> of the mark, so it carries the colour and the line itself.
        class: mark.type.name === MarkName.insertion ? 'proposal-span inserted' : 'proposal-span deleted',
        style: `--proposal-colour: ${colourOf(info, id)}`,
        title: `${mark.type.name === MarkName.insertion ? 'Proposed insertion' : 'Proposed deletion'} (${status}): ${info.lines.get(id) ?? 'unknown proposal'}`,
      }),
    );
  }
}

/** The proposal decorations of `block` (at `pos`) and everything inside it. */
export function blockProposalDecorations(block: Node, pos: number, info: ProposalInfo): Decoration[] {
  const out: Decoration[] = [];
  nodeDecorations(block, pos, info, out);
  block.descendants((node, offset) => {
    nodeDecorations(node, pos + 1 + offset, info, out);
    return !node.isText;
  });
  return out;
}

/**
 * Insertions underlined and deletions struck through in the colour of the proposing delegation, with the
 * attribution formula as their title (shown on hover; the proposals panel shows it for the caret too).
 */
export function proposalDecorations(doc: Node, info: ProposalInfo): DecorationSet {
  const decorations: Decoration[] = [];
  doc.forEach((block, pos) => {
    decorations.push(...blockProposalDecorations(block, pos, info));
  });
  return DecorationSet.create(doc, decorations);
}

/**
 * The plugin keeping those decorations in step with the document and the proposal records: all of them when
 * the records change, only the changed blocks when the text does.
 */
export function proposalDecorationsPlugin(initial: ProposalInfo): Plugin {
  return new Plugin({
    key: proposalDecorationsKey,
    state: {
      init: (_config, state) => ({ info: initial, set: proposalDecorations(state.doc, initial) }),
      apply(tr, value) {
        const info = (tr.getMeta(proposalDecorationsKey) as ProposalInfo | undefined) ?? value.info;
        if (info !== value.info) return { info, set: proposalDecorations(tr.doc, info) };
        if (!tr.docChanged) return value;
        // Only the blocks the transaction changed are redecorated (remote typing included).
        const set = redecorateChanged(value.set, tr.before, tr.doc, (block, pos) =>
          blockProposalDecorations(block, pos, info),
        );
        return { info, set };
      },
    },
    props: {
      decorations: (state) => proposalDecorationsKey.getState(state)?.set,
    },
  });
}

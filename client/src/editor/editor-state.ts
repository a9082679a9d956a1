import { treatyFragment, treatySchema } from '@travaux/shared';
import { baseKeymap } from 'prosemirror-commands';
import { keymap } from 'prosemirror-keymap';
import { EditorState, type Plugin } from 'prosemirror-state';
import {
  initProseMirrorDoc,
  redoCommand,
  undoCommand,
  yCursorPlugin,
  ySyncPlugin,
  yUndoPlugin,
} from 'y-prosemirror';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { numberingPlugin } from '../features/numbering/numbering-plugin.ts';
import { buildRemoteCursor, buildRemoteSelection } from '../features/presence/remote-cursor.ts';
import { proposalDecorationsPlugin } from '../features/proposals/proposal-decorations.ts';
import { type ProposalContextSource, proposalModePlugin } from '../features/proposals/proposal-mode.ts';
import type { ProposalInfo } from '../features/proposals/proposal-store.ts';
import { structureKeymap } from '../features/structure/keymap.ts';
import { nodeIdsPlugin } from '../features/structure/node-ids-plugin.ts';

/** What the editor needs for proposals: where proposal mode gets its context, and the records to draw. */
export interface ProposalWiring {
  readonly source: ProposalContextSource;
  readonly info: ProposalInfo;
}

/**
 * The editor's initial state bound to `ydoc`: y-prosemirror sync, remote cursors, undo of one's own edits
 * only, the structure keys, derived numbering and id upkeep. Order matters: key handlers run in plugin order.
 */
export function createTreatyEditorState(
  ydoc: Y.Doc,
  awareness: Awareness,
  proposals: ProposalWiring,
): EditorState {
  const fragment = treatyFragment(ydoc);
  // Start from the synced content, so the first paint is the real text and not an empty treaty.
  const { doc, mapping } = initProseMirrorDoc(fragment, treatySchema);
  const plugins: Plugin[] = [
    ySyncPlugin(fragment, { mapping }),
    yCursorPlugin(awareness, { cursorBuilder: buildRemoteCursor, selectionBuilder: buildRemoteSelection }),
    // yUndo tracks only this client's ySync origin: undo never reverts another delegation's edits.
    yUndoPlugin(),
    // Before every keymap: in proposal mode typing, Backspace, Delete and Enter become proposals (PR1, PR2).
    proposalModePlugin(proposals.source),
    keymap({ 'Mod-z': undoCommand, 'Mod-y': redoCommand, 'Mod-Shift-z': redoCommand }),
    structureKeymap(),
    keymap(baseKeymap),
    numberingPlugin(),
    proposalDecorationsPlugin(proposals.info),
    nodeIdsPlugin(),
  ];
  return EditorState.create({ schema: treatySchema, doc, plugins });
}

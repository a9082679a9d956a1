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
import { structureKeymap } from '../features/structure/keymap.ts';
import { nodeIdsPlugin } from '../features/structure/node-ids-plugin.ts';

/**
 * The editor's initial state bound to `ydoc`: y-prosemirror sync, remote cursors, undo of one's own edits
 * only, the structure keys, derived numbering and id upkeep. Order matters: key handlers run in plugin order.
 */
export function createTreatyEditorState(ydoc: Y.Doc, awareness: Awareness): EditorState {
  const fragment = treatyFragment(ydoc);
  // Start from the synced content, so the first paint is the real text and not an empty treaty.
  const { doc, mapping } = initProseMirrorDoc(fragment, treatySchema);
  const plugins: Plugin[] = [
    ySyncPlugin(fragment, { mapping }),
    yCursorPlugin(awareness, { cursorBuilder: buildRemoteCursor, selectionBuilder: buildRemoteSelection }),
    // yUndo tracks only this client's ySync origin: undo never reverts another delegation's edits.
    yUndoPlugin(),
    keymap({ 'Mod-z': undoCommand, 'Mod-y': redoCommand, 'Mod-Shift-z': redoCommand }),
    structureKeymap(),
    keymap(baseKeymap),
    numberingPlugin(),
    nodeIdsPlugin(),
  ];
  return EditorState.create({ schema: treatySchema, doc, plugins });
}

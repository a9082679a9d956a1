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
import { afterNextPaint } from '../app/after-next-paint.ts';
import type { BracketContextSource } from '../features/brackets/bracket-commands.ts';
import { bracketsPlugin } from '../features/brackets/bracket-decorations.ts';
import { bracketEdgePlugin } from '../features/brackets/bracket-edge.ts';
import { type BracketDialog, bracketKeymap } from '../features/brackets/bracket-keymap.ts';
import { bracketPastePlugin } from '../features/brackets/bracket-paste.ts';
import type { BracketRecords } from '../features/brackets/bracket-store.ts';
import { numberingPlugin } from '../features/numbering/numbering-plugin.ts';
import { deferredCursorAwareness } from '../features/presence/deferred-cursor.ts';
import { buildRemoteCursor, buildRemoteSelection } from '../features/presence/remote-cursor.ts';
import { type ChairEditSource, chairEditsPlugin } from '../features/proposals/chair-edits.ts';
import { proposalDecorationsPlugin } from '../features/proposals/proposal-decorations.ts';
import { type ProposalContextSource, proposalModePlugin } from '../features/proposals/proposal-mode.ts';
import type { ProposalInfo } from '../features/proposals/proposal-store.ts';
import { readOnlyPlugin } from '../features/refusals/read-only-plugin.ts';
import { statusPlugin } from '../features/status/status-plugin.ts';
import { structureKeymap } from '../features/structure/keymap.ts';
import { nodeIdsPlugin } from '../features/structure/node-ids-plugin.ts';

/** What the editor needs for proposals: where proposal mode gets its context, and the records to draw. */
export interface ProposalWiring {
  readonly source: ProposalContextSource;
  readonly info: ProposalInfo;
  /** PR14: who records the chair's direct edits (null while not the chair editing directly). */
  readonly chairEdits?: ChairEditSource;
}

/** What the editor needs for brackets and status: the records to draw, who brackets, the dialogs, refusals. */
export interface BracketWiring {
  readonly records: BracketRecords;
  readonly source: BracketContextSource;
  readonly openDialog: (dialog: BracketDialog) => void;
  /** Told why an edit was refused where one types (SS3, PR1–PR3, BR3, AC8), to say it at the caret. */
  readonly onRefuse: (message: string) => void;
}

/**
 * The editor's initial state bound to `ydoc`: y-prosemirror sync, remote cursors, undo of one's own edits
 * only, the structure keys, derived numbering and id upkeep. Order matters: key handlers run in plugin order.
 */
export function createTreatyEditorState(
  ydoc: Y.Doc,
  awareness: Awareness,
  proposals: ProposalWiring,
  brackets: BracketWiring,
): EditorState {
  const fragment = treatyFragment(ydoc);
  // Start from the synced content, so the first paint is the real text and not an empty treaty.
  const { doc, mapping } = initProseMirrorDoc(fragment, treatySchema);
  const plugins: Plugin[] = [
    ySyncPlugin(fragment, { mapping }),
    // One's own caret is published after the keystroke's frame is painted, not inside the keystroke.
    yCursorPlugin(deferredCursorAwareness(awareness, afterNextPaint), {
      cursorBuilder: buildRemoteCursor,
      selectionBuilder: buildRemoteSelection,
    }),
    // yUndo tracks only this client's ySync origin: undo never reverts another delegation's edits.
    yUndoPlugin(),
    // AC8: a reader's keys are answered, not ignored (the view is not editable, so no key handler runs).
    readOnlyPlugin(brackets.onRefuse),
    // SS3 before proposal mode: typing into an agreed paragraph is refused before any proposal is recorded.
    statusPlugin(brackets.onRefuse),
    // BR3: Backspace and Delete stop at a bracket's edge before proposal mode proposes deleting beyond it.
    bracketEdgePlugin(brackets.onRefuse),
    // Before proposal mode's paste: pasted bracket notation becomes structure (TX12, TX13).
    bracketPastePlugin(brackets.source, proposals.source, brackets.onRefuse),
    // Before every keymap: in proposal mode typing, Backspace, Delete and Enter become proposals (PR1, PR2).
    proposalModePlugin(proposals.source, brackets.onRefuse),
    keymap({ 'Mod-z': undoCommand, 'Mod-y': redoCommand, 'Mod-Shift-z': redoCommand }),
    bracketKeymap(brackets.source, brackets.openDialog, brackets.onRefuse),
    structureKeymap(),
    keymap(baseKeymap),
    numberingPlugin(),
    proposalDecorationsPlugin(proposals.info),
    chairEditsPlugin(ydoc, proposals.chairEdits ?? (() => null)),
    bracketsPlugin(brackets.records),
    nodeIdsPlugin(),
  ];
  return EditorState.create({ schema: treatySchema, doc, plugins });
}

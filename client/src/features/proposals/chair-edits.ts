import {
  CHAIR_EDITS_MAP,
  type ChairEdit,
  chairEditsMap,
  newChairEditId,
  parseChairEdit,
  readChairEdits,
  TITLE_BLOCK,
} from '@travaux/shared';
import type { Node, ResolvedPos } from 'prosemirror-model';
import { type EditorState, Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import { ReplaceStep } from 'prosemirror-transform';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import { ySyncPluginKey } from 'y-prosemirror';
import type * as Y from 'yjs';
import { YMapsStore } from '../../sync/y-maps-store.ts';
import { proposalModeKey } from './proposal-mode.ts';

/**
 * PR14 in the editor: the chair's direct typing is recorded (one `chairEdits` record per run of typing in one
 * block), its marked edits are shown in the live text in the Chair's style, and each can be undone (and redone)
 * exactly, while the text still holds it.
 */

/** Who records, and whether the edits are marked; null when the editor is not the chair editing directly. */
export interface ChairEditRecorder {
  readonly personId: string;
  readonly name: string;
  readonly marked: boolean;
}
export type ChairEditSource = () => ChairEditRecorder | null;

/** Marks the chair's undo and redo of its edits, which are not edits to record. */
export const chairEditUndoKey = new PluginKey('chair-edit-undo');
export const chairEditsKey = new PluginKey<{ edits: readonly ChairEdit[]; set: DecorationSet }>(
  'chair-edits',
);

/** The block whose text `$pos` is in: its id, or "title". */
function blockIdAt($pos: ResolvedPos): string | null {
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth);
    if (node.type.name === 'title') return TITLE_BLOCK;
    if (typeof node.attrs.id === 'string' && node.attrs.id) return node.attrs.id;
  }
  return null;
}

/** The textblock of block `id` and its position, or null. */
export function textblockOf(doc: Node, id: string): { node: Node; pos: number } | null {
  let found: { node: Node; pos: number } | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (!node.isTextblock) return true;
    if (blockIdAt(doc.resolve(pos + 1)) === id) found = { node, pos };
    return false;
  });
  return found;
}

/** Whether the text of block `edit.block` still holds what the edit inserted, where it was inserted. */
export function holds(
  doc: Node,
  edit: ChairEdit,
  words = edit.inserted,
): { from: number; to: number } | null {
  const block = textblockOf(doc, edit.block);
  if (!block) return null;
  const from = block.pos + 1 + edit.offset;
  const to = from + words.length;
  if (to > block.pos + block.node.nodeSize - 1) return null;
  return doc.textBetween(from, to) === words ? { from, to } : null;
}

/** One direct change of a transaction: where, and the words in and out. */
interface Change {
  readonly block: string;
  readonly offset: number;
  readonly inserted: string;
  readonly removed: string;
}

/** The direct text changes of `tr` (replacements inside one textblock). */
function changesOf(tr: Transaction): Change[] {
  const changes: Change[] = [];
  tr.steps.forEach((step, index) => {
    if (!(step instanceof ReplaceStep)) return;
    const doc = tr.docs[index]!;
    const $from = doc.resolve(step.from);
    const $to = doc.resolve(step.to);
    if (!$from.parent.isTextblock || !$from.sameParent($to)) return;
    const block = blockIdAt($from);
    const inserted = step.slice.content.textBetween(0, step.slice.content.size);
    const removed = doc.textBetween(step.from, step.to);
    if (!block || (!inserted && !removed)) return;
    changes.push({ block, offset: step.from - $from.start(), inserted, removed });
  });
  return changes;
}

/**
 * Records `change` in `ydoc`: it extends the last run (typing on at its end, or erasing what it typed), else it
 * starts a new record. Returns the record written.
 */
export function recordChairEdit(
  ydoc: Y.Doc,
  change: Change,
  by: ChairEditRecorder,
  lastId: string | null,
  now = new Date(),
): ChairEdit {
  const map = chairEditsMap(ydoc);
  const last = lastId ? parseChairEdit(map.get(lastId)) : null;
  if (last && last.block === change.block && last.undone === null && last.marked === by.marked) {
    const end = last.offset + last.inserted.length;
    if (!change.removed && change.offset === end) {
      const next = { ...last, inserted: last.inserted + change.inserted };
      map.set(last.id, next);
      return next;
    }
    const erased = last.inserted.slice(change.offset - last.offset);
    if (
      !change.inserted &&
      change.offset >= last.offset &&
      change.offset + change.removed.length === end &&
      erased === change.removed
    ) {
      const next = { ...last, inserted: last.inserted.slice(0, change.offset - last.offset) };
      map.set(last.id, next);
      return next;
    }
  }
  const edit: ChairEdit = {
    id: newChairEditId(),
    personId: by.personId,
    personName: by.name,
    at: now.toISOString(),
    block: change.block,
    offset: change.offset,
    inserted: change.inserted,
    removed: change.removed,
    marked: by.marked,
    undone: null,
  };
  map.set(edit.id, edit);
  return edit;
}

/**
 * Undoes `edit` (its inserted words give way to the removed ones), or redoes it when `redo`; false when the
 * text no longer holds what it would replace. The record is stamped undone (or cleared) by `by`, now.
 */
export function undoChairEdit(
  view: EditorView,
  ydoc: Y.Doc,
  edit: ChairEdit,
  by: { personId: string; name: string },
  redo = false,
): boolean {
  const [out, back] = redo ? [edit.removed, edit.inserted] : [edit.inserted, edit.removed];
  const range = holds(view.state.doc, edit, out);
  if (!range) return false;
  const tr = view.state.tr.setMeta(chairEditUndoKey, true);
  if (back) tr.replaceWith(range.from, range.to, view.state.schema.text(back));
  else tr.delete(range.from, range.to);
  view.dispatch(tr);
  chairEditsMap(ydoc).set(edit.id, {
    ...edit,
    undone: redo ? null : { by: by.personId, byName: by.name, at: new Date().toISOString() },
  });
  return true;
}

/** The Chair's style on the marked edits the text still holds: inserted words underlined, removed ones struck. */
export function chairEditDecorations(doc: Node, edits: readonly ChairEdit[]): DecorationSet {
  const decorations: Decoration[] = [];
  for (const edit of edits) {
    if (!edit.marked || edit.undone) continue;
    const range = holds(doc, edit);
    if (!range) continue;
    const title = `Chair's edit, ${edit.at.slice(0, 16).replace('T', ' ')} UTC`;
    if (range.to > range.from)
      decorations.push(Decoration.inline(range.from, range.to, { class: 'chair-edit inserted', title }));
    if (edit.removed)
      decorations.push(
        Decoration.widget(
          range.from,
          () => {
            const del = document.createElement('del');
            del.className = 'chair-edit deleted';
            del.title = title;
            del.textContent = edit.removed;
            return del;
          },
          { side: -1, key: `chair-edit-${edit.id}-${edit.removed}`, ignoreSelection: true },
        ),
      );
  }
  return DecorationSet.create(doc, decorations);
}

/**
 * The plugin: records the chair's direct changes (not remote ones, proposals, undo of edits) through `source`,
 * and draws the marked edits given with `setMeta(chairEditsKey, edits)`.
 */
export function chairEditsPlugin(ydoc: Y.Doc, source: ChairEditSource): Plugin {
  let lastId: string | null = null;
  return new Plugin({
    key: chairEditsKey,
    state: {
      init: (_config, state): { edits: readonly ChairEdit[]; set: DecorationSet } => ({
        edits: readChairEdits(ydoc),
        set: chairEditDecorations(state.doc, readChairEdits(ydoc)),
      }),
      apply(tr, value, _old, state: EditorState) {
        const edits = (tr.getMeta(chairEditsKey) as readonly ChairEdit[] | undefined) ?? value.edits;
        if (edits === value.edits && !tr.docChanged) return value;
        return { edits, set: chairEditDecorations(state.doc, edits) };
      },
    },
    appendTransaction(transactions) {
      const by = source();
      if (!by) return null;
      for (const tr of transactions) {
        if (!tr.docChanged || tr.getMeta(chairEditUndoKey) || tr.getMeta(proposalModeKey)) continue;
        const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
        if (sync?.isChangeOrigin) continue;
        for (const change of changesOf(tr)) lastId = recordChairEdit(ydoc, change, by, lastId).id;
      }
      return null;
    },
    props: {
      decorations: (state) => chairEditsKey.getState(state)?.set,
    },
  });
}

/** The chair's edits of a session's Y.Doc, re-read whenever their map changes. */
export class ChairEditStore extends YMapsStore<readonly ChairEdit[]> {
  constructor(ydoc: Y.Doc) {
    super(ydoc, [CHAIR_EDITS_MAP], readChairEdits);
  }
}

import {
  type ParagraphStatus,
  STATUS_LABEL,
  statusAt,
  statusBlocks,
  statusOf,
  touchesFrozen,
} from '@travaux/shared';
import type { Node } from 'prosemirror-model';
import { type EditorState, Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { ySyncPluginKey } from 'y-prosemirror';
import { changesMapping, textblockChanges } from '../../editor/block-decorations.ts';
import { statusLabel } from './status-label.ts';

/**
 * Key of the status plugin. The chair's status changes carry `setMeta(statusKey, 'change')`: the SS3 filter
 * (and proposal mode) let them through.
 */
export const statusKey = new PluginKey<DecorationSet>('status');

/** Marks a transaction as a status change (SS2) for the filters. */
export function asStatusChange(tr: Transaction): Transaction {
  return tr.setMeta(statusKey, 'change');
}

/** SS3: what the editor says when it refuses a change to a paragraph that is not open. */
export function frozenMessage(status: ParagraphStatus): string {
  return `This paragraph is ${STATUS_LABEL[status].toLowerCase()}: it cannot change until the chair reopens it.`;
}

/** SS1, SS6: a class per status on every paragraph, and the status written in its margin when not open. */
export function statusDecorations(doc: Node): DecorationSet {
  const decorations: Decoration[] = [];
  for (const { node, pos } of statusBlocks(doc)) {
    const status = statusOf(node);
    decorations.push(Decoration.node(pos, pos + node.nodeSize, { class: `para-status status-${status}` }));
    const label = statusLabel(node);
    if (!label) continue;
    decorations.push(
      Decoration.widget(
        pos + 1,
        () => {
          const span = document.createElement('span');
          span.className = `status-label status-${status}`;
          span.textContent = label;
          return span;
        },
        { side: -100, ignoreSelection: true, marks: [], key: `status:${label}` },
      ),
    );
  }
  return DecorationSet.create(doc, decorations);
}

/** The positions a step reads or writes in the document it applies to. */
function stepRanges(step: Transaction['steps'][number]): { from: number; to: number }[] {
  const ranges: { from: number; to: number }[] = [];
  step.getMap().forEach((from, to) => {
    ranges.push({ from, to });
  });
  const fields = step as unknown as { from?: unknown; to?: unknown; pos?: unknown };
  if (typeof fields.from === 'number' && typeof fields.to === 'number')
    ranges.push({ from: fields.from, to: fields.to });
  if (typeof fields.pos === 'number') ranges.push({ from: fields.pos, to: fields.pos + 1 });
  return ranges;
}

/** SS3: the status of the first paragraph that is not open which `tr` would change; null when none. */
export function frozenTouchedBy(tr: Transaction): ParagraphStatus | null {
  for (let i = 0; i < tr.steps.length; i++) {
    const doc = tr.docs[i]!;
    for (const { from, to } of stepRanges(tr.steps[i]!)) {
      if (!touchesFrozen(doc, from, to)) continue;
      const here = statusAt(doc.resolve(from));
      if (here !== 'open') return here;
      const there = statusAt(doc.resolve(Math.min(to, doc.content.size)));
      if (there !== 'open') return there;
      let inside: ParagraphStatus = 'adref';
      doc.nodesBetween(from, to, (node) => {
        if (statusOf(node) !== 'open') inside = statusOf(node);
        return true;
      });
      return inside;
    }
  }
  return null;
}

/** The status of the paragraph around the selection, when it is not open. */
function frozenAtSelection(state: EditorState): ParagraphStatus | null {
  const { from, to } = state.selection;
  if (!touchesFrozen(state.doc, from, to)) return null;
  const here = statusAt(state.doc.resolve(from));
  return here !== 'open' ? here : statusAt(state.doc.resolve(to));
}

/** Typing inside textblocks changes no status (SS1): the decorations only move; anything else redraws them. */
function nextStatusDecorations(before: Node, after: Node, previous: DecorationSet): DecorationSet {
  const changes = textblockChanges(before, after);
  if (changes === null) return previous;
  if (changes !== 'structure') return previous.map(changesMapping(changes), after);
  return statusDecorations(after);
}

/**
 * SS1, SS3, SS6: status at a glance, and the editor refusing, for everyone (the chair too), any local change to
 * a paragraph that is not open, except status changes themselves; remote changes (ySync) always apply.
 * Typing, deleting, Enter and paste there are swallowed before proposal mode creates a record; `onRefuse` is
 * told why, so the room can say it politely.
 */
export function statusPlugin(onRefuse: (message: string) => void): Plugin<DecorationSet> {
  const refuse = (status: ParagraphStatus | null) => {
    if (status === null || status === 'open') return false;
    onRefuse(frozenMessage(status));
    return true;
  };
  return new Plugin<DecorationSet>({
    key: statusKey,
    state: {
      init: (_config, state) => statusDecorations(state.doc),
      apply: (tr, previous) =>
        tr.docChanged ? nextStatusDecorations(tr.before, tr.doc, previous) : previous,
    },
    filterTransaction(tr) {
      if (!tr.docChanged || tr.getMeta(statusKey) || tr.getMeta(ySyncPluginKey)) return true;
      const status = frozenTouchedBy(tr);
      if (status === null) return true;
      // Upkeep nobody asked for (the ids plugin's appended fixes) is held back without a message.
      if (tr.getMeta('addToHistory') !== false) refuse(status);
      return false;
    },
    props: {
      decorations: (state) => statusKey.getState(state),
      handleTextInput: (view) => refuse(frozenAtSelection(view.state)),
      handleKeyDown(view, event) {
        if (event.key !== 'Backspace' && event.key !== 'Delete' && event.key !== 'Enter') return false;
        return refuse(frozenAtSelection(view.state));
      },
      handlePaste: (view) => refuse(frozenAtSelection(view.state)),
      handleDrop: (view) => refuse(frozenAtSelection(view.state)),
    },
  });
}

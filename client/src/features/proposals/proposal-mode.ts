import {
  type ProposalContext,
  type ProposalRecord,
  type proposeBlockDeletion,
  proposeDeletion,
  type proposeNewArticle,
  proposeNewParagraph,
  proposeText,
  treatySchema,
} from '@travaux/shared';
import {
  type Command,
  type EditorState,
  Plugin,
  PluginKey,
  TextSelection,
  type Transaction,
} from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { ySyncPluginKey } from 'y-prosemirror';
import { bracketsKey } from '../brackets/bracket-decorations.ts';
import { othersProposalMessage, REFUSAL_MESSAGES } from '../refusals/refusal-messages.ts';
import { statusKey } from '../status/status-plugin.ts';

/** Marks the transactions proposal mode made itself (the filter lets them through). */
export const proposalModeKey = new PluginKey('proposal-mode');

/** Where proposal mode gets its context; null when the editor edits directly (the chair, by choice). */
export type ProposalContextSource = () => ProposalContext | null;

function mark(tr: Transaction | null): Transaction | null {
  return tr ? tr.setMeta(proposalModeKey, true) : null;
}

/**
 * Reads the caret from the DOM when it moved without ProseMirror having seen it yet (a key such as Home or an
 * arrow, then Delete at once: the selectionchange event comes later), so a proposal lands where the user sees
 * the caret.
 */
export function syncSelectionFromDom(view: EditorView): void {
  const selection = (view.root as Document).getSelection?.();
  if (!selection?.anchorNode || !selection.focusNode) return;
  if (!view.dom.contains(selection.anchorNode) || !view.dom.contains(selection.focusNode)) return;
  try {
    const anchor = view.posAtDOM(selection.anchorNode, selection.anchorOffset);
    const head = view.posAtDOM(selection.focusNode, selection.focusOffset);
    const { state } = view;
    if (anchor === state.selection.anchor && head === state.selection.head) return;
    view.dispatch(
      state.tr.setSelection(TextSelection.between(state.doc.resolve(anchor), state.doc.resolve(head))),
    );
  } catch {
    // A DOM position ProseMirror cannot map (inside a widget): keep its own selection.
  }
}

/** PR1: why proposal mode cannot type or delete over [from, to) (the SS3 refusal is the status plugin's). */
export function proposalRefusal(state: EditorState, from: number, to: number): string {
  const $from = state.doc.resolve(from);
  if (!$from.parent.isTextblock || !$from.sameParent(state.doc.resolve(to)))
    return REFUSAL_MESSAGES.acrossBlocks;
  return REFUSAL_MESSAGES.notText;
}

/**
 * PR3: the open proposal of another delegation whose inserted character Backspace (dir -1) or Delete (dir 1)
 * would reach from an empty caret; null when there is none (one's own text, or plain treaty text).
 */
export function othersInsertionAt(
  state: EditorState,
  dir: -1 | 1,
  ctx: ProposalContext,
): ProposalRecord | null {
  const { selection } = state;
  if (!selection.empty) return null;
  const node = dir < 0 ? selection.$head.nodeBefore : selection.$head.nodeAfter;
  const mark = node?.isText ? treatySchema.marks.insertion.isInSet(node.marks) : undefined;
  if (!mark) return null;
  const record = ctx.records.get(String(mark.attrs.proposal));
  if (record?.status !== 'open' || record.delegation === ctx.delegation) return null;
  return record;
}

/**
 * Proposal mode (PR1, PR2, PR8): typing, deleting, Enter and paste become proposals of the delegation. Any other
 * change of the text from this editor is filtered out while the mode is on, so nothing unmarked slips through
 * (the server would refuse it anyway, PR1). What it cannot do where the caret is, `onRefuse` says there.
 */
export function proposalModePlugin(
  source: ProposalContextSource,
  onRefuse: (message: string) => void = () => {},
): Plugin {
  return new Plugin({
    key: proposalModeKey,
    filterTransaction(tr) {
      if (!tr.docChanged || source() === null) return true;
      if (tr.getMeta(proposalModeKey) || tr.getMeta(ySyncPluginKey)) return true;
      // Brackets (BR2, BR5: an option's text is made a proposal by the brackets feature itself) and the
      // chair's status changes (SS2) are not proposals.
      if (tr.getMeta(bracketsKey) === 'edit' || tr.getMeta(statusKey) === 'change') return true;
      // The id upkeep (ensureNodeIds) only fills in missing or duplicate ids.
      return tr.getMeta('addToHistory') === false;
    },
    props: {
      handleTextInput(view, from, to, text) {
        const ctx = source();
        if (!ctx) return false;
        const tr = mark(proposeText(view.state, from, to, text, ctx));
        if (tr) view.dispatch(tr);
        else onRefuse(proposalRefusal(view.state, from, to));
        return true;
      },
      handleKeyDown(view, event) {
        const ctx = source();
        if (!ctx) return false;
        let tr: Transaction | null = null;
        if (event.key === 'Backspace' || event.key === 'Delete' || event.key === 'Enter')
          syncSelectionFromDom(view);
        if (event.key === 'Backspace' || event.key === 'Delete') {
          const dir = event.key === 'Backspace' ? -1 : 1;
          const others = othersInsertionAt(view.state, dir, ctx);
          if (others) {
            onRefuse(othersProposalMessage(others.delegation));
            return true;
          }
          tr = proposeDeletion(view.state, dir, ctx);
          if (tr && !tr.docChanged && view.state.selection.empty) {
            // At a paragraph's edge: proposal mode does not join paragraphs (PR2).
            onRefuse(REFUSAL_MESSAGES.blockEdge);
            return true;
          }
          if (!tr) {
            const { from, to } = view.state.selection;
            onRefuse(proposalRefusal(view.state, from, to));
            return true;
          }
        } else if (event.key === 'Enter' && !event.shiftKey) {
          tr = proposeNewParagraph(view.state, ctx);
        } else if (event.key === 'Tab') {
          // Structure changes are not proposals yet; keep Tab from moving text around.
          return false;
        } else {
          return false;
        }
        const marked = mark(tr);
        if (marked) view.dispatch(marked);
        return true;
      },
      handlePaste(view, _event, slice) {
        const ctx = source();
        if (!ctx) return false;
        const text = slice.content.textBetween(0, slice.content.size, ' ', ' ');
        const { from, to } = view.state.selection;
        const tr = mark(proposeText(view.state, from, to, text, ctx));
        if (tr) view.dispatch(tr);
        else onRefuse(proposalRefusal(view.state, from, to));
        return true;
      },
      handleDrop() {
        return source() !== null;
      },
    },
  });
}

/** A command running a proposal-mode edit, for toolbar buttons (enabled check without creating a record). */
export function proposalCommand(
  source: ProposalContextSource,
  edit: typeof proposeNewParagraph | typeof proposeNewArticle | typeof proposeBlockDeletion,
): Command {
  return (state, dispatch) => {
    const ctx = source();
    if (!ctx) return false;
    if (!dispatch) return edit(state, { ...ctx, allocate: () => 'p00000000000' }) !== null;
    const tr = mark(edit(state, ctx));
    if (!tr) return false;
    dispatch(tr);
    return true;
  };
}

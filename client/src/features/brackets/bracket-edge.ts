import { treatySchema } from '@travaux/shared';
import type { Mark } from 'prosemirror-model';
import { type EditorState, Plugin, PluginKey } from 'prosemirror-state';
import { syncSelectionFromDom } from '../proposals/proposal-mode.ts';
import { optionEdgeMessage, REFUSAL_MESSAGES } from '../refusals/refusal-messages.ts';
import { bracketsKey } from './bracket-decorations.ts';

/** Key of the plugin that stops deletion at a bracket's edge. */
export const bracketEdgeKey = new PluginKey('bracket-edge');

function brackets(marks: readonly Mark[] | undefined): Mark[] {
  return (marks ?? []).filter((mark) => mark.type === treatySchema.marks.bracket);
}

/**
 * BR3, BR5: the bracket whose edge an empty caret would delete past: Backspace just inside a bracket's start,
 * Delete just inside its end. Null when the character to delete is in the same brackets as the caret's side.
 */
export function bracketEdgeAt(state: EditorState, dir: -1 | 1): string | null {
  const { selection } = state;
  if (!selection.empty) return null;
  const { $head } = selection;
  const inside = brackets(dir < 0 ? $head.nodeAfter?.marks : $head.nodeBefore?.marks);
  const beyond = dir < 0 ? $head.nodeBefore : $head.nodeAfter;
  if (!beyond?.isText) return null;
  const outside = brackets(beyond.marks);
  const left = inside.find((mark) => !mark.isInSet(outside));
  return left ? String(left.attrs.id) : null;
}

/**
 * Backspace and Delete stop at a bracket's (or an option's) edge instead of silently reaching the text beyond
 * it, the chair's or another delegation's (issue 20); `onRefuse` says so at the caret. Placed before proposal
 * mode, so nothing is proposed.
 */
export function bracketEdgePlugin(onRefuse: (message: string) => void): Plugin {
  return new Plugin({
    key: bracketEdgeKey,
    props: {
      handleKeyDown(view, event) {
        if (event.key !== 'Backspace' && event.key !== 'Delete') return false;
        if (event.ctrlKey || event.metaKey || event.altKey) return false;
        // An arrow key just before may have moved the caret without ProseMirror having read it yet.
        syncSelectionFromDom(view);
        const id = bracketEdgeAt(view.state, event.key === 'Backspace' ? -1 : 1);
        if (id === null) return false;
        const option = bracketsKey.getState(view.state)?.scan.byId.get(id)?.option ?? null;
        onRefuse(option === null ? REFUSAL_MESSAGES.bracketEdge : optionEdgeMessage(option));
        return true;
      },
    },
  });
}

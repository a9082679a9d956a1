import { pasteBracketedText } from '@travaux/shared';
import { Plugin, PluginKey } from 'prosemirror-state';
import type { ProposalContextSource } from '../proposals/proposal-mode.ts';
import { asBracketEdit, type BracketContextSource } from './bracket-commands.ts';

/** Key of the paste plugin of the brackets feature. */
export const bracketPasteKey = new PluginKey('bracket-paste');

/**
 * TX12, TX13: text pasted from a word processor in the conventional notation ("[shall] [should]", "[Option 1:
 * ...] [Option 2: ...]") becomes brackets and options of the person's delegation instead of literal characters;
 * a delegate's paste is a proposal, as its typing is. A notation that is not well formed is not pasted, and
 * `onRefuse` says why and where. Text without brackets is left to the usual paste (proposal mode or the editor).
 */
export function bracketPastePlugin(
  brackets: BracketContextSource,
  proposals: ProposalContextSource,
  onRefuse: (message: string) => void,
): Plugin {
  return new Plugin({
    key: bracketPasteKey,
    props: {
      handlePaste(view, event, slice) {
        const ctx = brackets();
        if (!ctx) return false;
        const text =
          event.clipboardData?.getData('text/plain') ||
          slice.content.textBetween(0, slice.content.size, ' ', ' ');
        const pasted = pasteBracketedText(view.state, text, ctx, proposals());
        if (pasted === null) return false;
        if (!pasted.ok) {
          onRefuse(
            `Not pasted: the brackets of the pasted text are not well formed at character ${pasted.column}. ${pasted.message}`,
          );
          return true;
        }
        view.dispatch(asBracketEdit(pasted.tr));
        return true;
      },
    },
  });
}

import { keymap } from 'prosemirror-keymap';
import type { Command, Plugin } from 'prosemirror-state';
import {
  type BracketContextSource,
  bracketBlockCommand,
  bracketSelectionCommand,
  optionTarget,
  paragraphAltRefusal,
} from './bracket-commands.ts';

/** The dialogs the bracket keys open (their text is typed there, not in the treaty). */
export type BracketDialog = 'option' | 'paragraph-alt';

/** Keys of the brackets feature, with the labels the toolbar shows. */
export const BRACKET_KEYS = {
  bracket: { keys: 'Mod-Alt-b', label: 'Ctrl+Alt+B', aria: 'Control+Alt+B' },
  paragraph: { keys: 'Mod-Alt-p', label: 'Ctrl+Alt+P', aria: 'Control+Alt+P' },
  article: { keys: 'Mod-Alt-Shift-b', label: 'Ctrl+Alt+Shift+B', aria: 'Control+Alt+Shift+B' },
  option: { keys: 'Mod-Alt-o', label: 'Ctrl+Alt+O', aria: 'Control+Alt+O' },
  paragraphAlt: { keys: 'Mod-Alt-Shift-o', label: 'Ctrl+Alt+Shift+O', aria: 'Control+Alt+Shift+O' },
  next: { label: 'Alt+Shift+↓', aria: 'Alt+Shift+ArrowDown' },
  previous: { label: 'Alt+Shift+↑', aria: 'Alt+Shift+ArrowUp' },
} as const;

/** Opens an option dialog when the editor has a place for it (BR5). */
export function openDialogCommand(
  source: BracketContextSource,
  dialog: BracketDialog,
  open: (dialog: BracketDialog) => void,
): Command {
  return (state, dispatch) => {
    if (!source()) return false;
    const possible =
      dialog === 'option' ? typeof optionTarget(state) !== 'string' : paragraphAltRefusal(state) === null;
    if (!possible) return false;
    if (dispatch) open(dialog);
    return true;
  };
}

/** The bracket keys (BR2, BR5): bracket the selection, paragraph or article; open the option dialogs. */
export function bracketKeymap(source: BracketContextSource, open: (dialog: BracketDialog) => void): Plugin {
  return keymap({
    [BRACKET_KEYS.bracket.keys]: bracketSelectionCommand(source),
    [BRACKET_KEYS.paragraph.keys]: bracketBlockCommand(source, false),
    [BRACKET_KEYS.article.keys]: bracketBlockCommand(source, true),
    [BRACKET_KEYS.option.keys]: openDialogCommand(source, 'option', open),
    [BRACKET_KEYS.paragraphAlt.keys]: openDialogCommand(source, 'paragraph-alt', open),
  });
}

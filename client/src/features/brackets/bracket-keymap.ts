import { keymap } from 'prosemirror-keymap';
import type { Command, EditorState, Plugin } from 'prosemirror-state';
import {
  type BracketContextSource,
  bracketBlockCommand,
  bracketBlockRefusal,
  bracketSelectionCommand,
  bracketSelectionRefusal,
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

/** BR5: why "Add alternative" has nothing to work on at the caret, or null. */
export function optionRefusal(state: EditorState): string | null {
  const target = optionTarget(state);
  return typeof target === 'string' ? target : null;
}

/**
 * A key's command that, when it cannot apply, says why at the caret (`why`) instead of doing nothing; keys of
 * a person who cannot bracket (no context) are left to the editor.
 */
function orSayWhy(
  source: BracketContextSource,
  command: Command,
  why: (state: EditorState) => string | null,
  onRefuse: (message: string) => void,
): Command {
  return (state, dispatch, view) => {
    if (command(state, dispatch, view)) return true;
    if (!dispatch || !source()) return false;
    const reason = why(state);
    if (reason === null) return false;
    onRefuse(reason);
    return true;
  };
}

/** The bracket keys (BR2, BR5): bracket the selection, paragraph or article; open the option dialogs. */
export function bracketKeymap(
  source: BracketContextSource,
  open: (dialog: BracketDialog) => void,
  onRefuse: (message: string) => void = () => {},
): Plugin {
  const say = (command: Command, why: (state: EditorState) => string | null) =>
    orSayWhy(source, command, why, onRefuse);
  return keymap({
    [BRACKET_KEYS.bracket.keys]: say(bracketSelectionCommand(source), bracketSelectionRefusal),
    [BRACKET_KEYS.paragraph.keys]: say(bracketBlockCommand(source, false), (s) =>
      bracketBlockRefusal(s, false),
    ),
    [BRACKET_KEYS.article.keys]: say(bracketBlockCommand(source, true), (s) => bracketBlockRefusal(s, true)),
    [BRACKET_KEYS.option.keys]: say(openDialogCommand(source, 'option', open), optionRefusal),
    [BRACKET_KEYS.paragraphAlt.keys]: say(
      openDialogCommand(source, 'paragraph-alt', open),
      paragraphAltRefusal,
    ),
  });
}

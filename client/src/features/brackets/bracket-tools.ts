import type { ToolDef } from '../drafting-room/Toolbar.tsx';
import {
  type BracketContextSource,
  bracketBlockCommand,
  bracketBlockRefusal,
  bracketSelectionCommand,
  bracketSelectionRefusal,
  paragraphAltRefusal,
} from './bracket-commands.ts';
import { BRACKET_KEYS, type BracketDialog, openDialogCommand, optionRefusal } from './bracket-keymap.ts';

/** The toolbar's bracket buttons (BR2, BR5), each disabled with its reason where it cannot apply. */
export function bracketTools(source: BracketContextSource, open: (dialog: BracketDialog) => void): ToolDef[] {
  return [
    {
      label: 'Bracket',
      keys: BRACKET_KEYS.bracket.label,
      shortcut: BRACKET_KEYS.bracket.aria,
      command: bracketSelectionCommand(source),
      why: bracketSelectionRefusal,
    },
    {
      label: 'Bracket paragraph',
      keys: BRACKET_KEYS.paragraph.label,
      shortcut: BRACKET_KEYS.paragraph.aria,
      command: bracketBlockCommand(source, false),
      why: (state) => bracketBlockRefusal(state, false),
    },
    {
      label: 'Bracket article',
      keys: BRACKET_KEYS.article.label,
      shortcut: BRACKET_KEYS.article.aria,
      command: bracketBlockCommand(source, true),
      why: (state) => bracketBlockRefusal(state, true),
    },
    {
      label: 'Add alternative…',
      keys: BRACKET_KEYS.option.label,
      shortcut: BRACKET_KEYS.option.aria,
      command: openDialogCommand(source, 'option', open),
      why: optionRefusal,
    },
    {
      label: 'Add paragraph alt…',
      keys: BRACKET_KEYS.paragraphAlt.label,
      shortcut: BRACKET_KEYS.paragraphAlt.aria,
      command: openDialogCommand(source, 'paragraph-alt', open),
      why: paragraphAltRefusal,
    },
  ];
}

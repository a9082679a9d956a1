import { chainCommands } from 'prosemirror-commands';
import { keymap } from 'prosemirror-keymap';
import type { Plugin } from 'prosemirror-state';
import {
  enterInArticleHeading,
  enterInBlockBody,
  enterInChapterHeading,
  enterInPreambularParagraph,
  enterInTitle,
} from './enter.ts';
import { demoteBlock, promoteBlock } from './indent.ts';
import { insertArticle } from './insert.ts';
import { joinBackward, joinForward } from './join.ts';

/** Enter anywhere in the treaty: the command for the kind of line the cursor is on. */
export const treatyEnter = chainCommands(
  enterInBlockBody,
  enterInPreambularParagraph,
  enterInArticleHeading,
  enterInChapterHeading,
  enterInTitle,
);

/** Keys of the structure feature, with the labels the toolbar and the keyboard help show. */
export const STRUCTURE_KEYS = {
  demote: { keys: 'Alt-Shift-ArrowRight', label: 'Alt+Shift+→', aria: 'Alt+Shift+ArrowRight' },
  promote: { keys: 'Alt-Shift-ArrowLeft', label: 'Alt+Shift+←', aria: 'Alt+Shift+ArrowLeft' },
} as const;

/**
 * Structure keys; placed before `baseKeymap`, which handles whatever these decline (Backspace inside a line,
 * for instance). Tab is not taken: it moves focus out of the editor like everywhere else on the page (WCAG
 * 2.1.2); demoting and promoting are on Alt+Shift+→ and Alt+Shift+← (Word's outline keys).
 */
export function structureKeymap(): Plugin {
  return keymap({
    Enter: treatyEnter,
    [STRUCTURE_KEYS.demote.keys]: demoteBlock,
    [STRUCTURE_KEYS.promote.keys]: promoteBlock,
    'Mod-Alt-a': insertArticle,
    Backspace: joinBackward,
    Delete: joinForward,
  });
}

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

/**
 * Structure keys; placed before `baseKeymap`, which handles whatever these decline (Backspace inside a line,
 * for instance). Tab declines where nothing can be demoted, so focus can still leave the editor.
 */
export function structureKeymap(): Plugin {
  return keymap({
    Enter: treatyEnter,
    Tab: demoteBlock,
    'Shift-Tab': promoteBlock,
    'Mod-Alt-a': insertArticle,
    Backspace: joinBackward,
    Delete: joinForward,
  });
}

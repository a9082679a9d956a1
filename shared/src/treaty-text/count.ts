/**
 * BR8: the brackets and options of a treaty text in the notation of TX12–TX15, counted on the text itself,
 * so that counts derived from the document can be checked against it.
 */

/** Counts of `countBracketsInNotation`. */
export interface NotationCounts {
  /** Unescaped `[`: one per bracket pair, inline or around a block. */
  readonly brackets: number;
  /** Option labels `[Option n:`, plus, for paragraph alternatives, every `alt` marker and the paragraph
   * the first one follows (BR8: every member of a group of at least two is an option). */
  readonly options: number;
}

const OPTION = /^Option[ \t]+\d+:/;
const FIRST_ALT = /^[ \t]*\[(?:PP)?\d+[ \t]+alt(?:[ \t]+1)?\./;
const LATER_ALT = /^[ \t]*\[(?:PP)?\d+[ \t]+alt[ \t]+\d+\./;

/**
 * The number of brackets (unescaped `[`) and of options in a whole treaty text (TX12–TX15). Its first line,
 * the title, is literal and not counted. Pure; the text need not be well formed.
 */
export function countBracketsInNotation(text: string): NotationCounts {
  let brackets = 0;
  let options = 0;
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .slice(1);
  for (const line of lines) {
    if (FIRST_ALT.test(line)) options += 2;
    else if (LATER_ALT.test(line)) options += 1;
    for (let i = 0; i < line.length; i++) {
      if (line[i] === '\\') i += 1;
      else if (line[i] === '[') {
        brackets += 1;
        if (OPTION.test(line.slice(i + 1))) options += 1;
      }
    }
  }
  return { brackets, options };
}

import { preambleLanguage, readHeadingLine } from './headings.ts';

/** Line shapes of the plain-text treaty format (TX rules in SPEC.md). Whole-line patterns only. */
export const Line = {
  preamble: /^Preamble$/,
  chapter: /^Chapter[ \t]+([IVXLCDM]+)$/,
  article: /^Article[ \t]+(\d+)$/,
  preambular: /^PP(\d+)\.(?:[ \t]+|$)/,
  /** TX21: the preamble's opening and closing formulas (ST8). */
  opening: /^Opening:(?:[ \t]|$)/,
  closing: /^Closing:(?:[ \t]|$)/,
  paragraph: /^(\d+)\.(?:[ \t]+|$)/,
  /** TX6: "(a)" or, as French and Spanish texts write them, "a)" (TX18). */
  lettered: /^\(?([a-z]+)\)(?:[ \t]+|$)/,
  /** TX15: "5 alt. ", "5 alt 2. " (the number of the paragraph, then which alternative). */
  paragraphAlt: /^(\d+)[ \t]+alt(?:[ \t]+(\d+))?\.(?:[ \t]+|$)/,
  /** TX15: "PP3 alt. ", "PP3 alt 2. ". */
  preambularAlt: /^PP(\d+)[ \t]+alt(?:[ \t]+(\d+))?\.(?:[ \t]+|$)/,
} as const;

/** Whether a block's text, written bare, would be read back as something else (TX9). */
export function looksLikeMarker(text: string): boolean {
  return (
    text !== text.trimStart() ||
    Line.paragraph.test(text) ||
    Line.lettered.test(text) ||
    Line.preambular.test(text) ||
    Line.paragraphAlt.test(text) ||
    Line.preambularAlt.test(text) ||
    Line.preamble.test(text) ||
    Line.chapter.test(text) ||
    Line.article.test(text) ||
    readHeadingLine(text) !== null ||
    preambleLanguage(text) !== null
  );
}

/** Line shapes of the plain-text treaty format (TX rules in SPEC.md). Whole-line patterns only. */
export const Line = {
  preamble: /^Preamble$/,
  chapter: /^Chapter[ \t]+([IVXLCDM]+)$/,
  article: /^Article[ \t]+(\d+)$/,
  preambular: /^PP(\d+)\.(?:[ \t]+|$)/,
  paragraph: /^(\d+)\.(?:[ \t]+|$)/,
  lettered: /^\(([a-z]+)\)(?:[ \t]+|$)/,
} as const;

/** Whether a block's text, written bare, would be read back as something else (TX9). */
export function looksLikeMarker(text: string): boolean {
  return (
    text !== text.trimStart() ||
    Line.paragraph.test(text) ||
    Line.lettered.test(text) ||
    Line.preambular.test(text) ||
    Line.preamble.test(text) ||
    Line.chapter.test(text) ||
    Line.article.test(text)
  );
}

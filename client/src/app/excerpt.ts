/** A text on one line, cut to at most 90 characters with an ellipsis, for the side panels' summaries. */
export function excerpt(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > 90 ? `${clean.slice(0, 87)}…` : clean;
}

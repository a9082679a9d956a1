/**
 * RV14: a file name made from a document symbol, as secretariats name files: "A/AC.291/22/Rev.2" gives
 * "A-AC.291-22-Rev.2.docx"; `fallback` when there is no symbol.
 */
export function symbolFileName(symbol: string | null, fallback: string, extension: string): string {
  const base = (symbol ?? '')
    .replace(/[\\/]+/g, '-')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[-_.]+/, '');
  return `${base || fallback}.${extension}`;
}

/** "1 word", "3 words": a count with its noun (RV14 wording). */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** The two reading views beside the working text (issue 5). */
export type ReadingMode = 'clean' | 'bracketed';

/** The view a `?mode=` query asks for: the clean view unless it says `bracketed`. */
export function readingMode(search: string): ReadingMode {
  return new URLSearchParams(search).get('mode') === 'bracketed' ? 'bracketed' : 'clean';
}

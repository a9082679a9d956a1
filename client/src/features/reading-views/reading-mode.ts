/** The two reading views beside the working text (issue 5). */
export type ReadingMode = 'clean' | 'bracketed';

/** The view a `?mode=` query asks for: the clean view unless it says `bracketed`. */
export function readingMode(search: string): ReadingMode {
  return new URLSearchParams(search).get('mode') === 'bracketed' ? 'bracketed' : 'clean';
}

/** RD3: how the bracketed view shows open proposals, from `?proposals=`: attributed unless it says `omit`. */
export function proposalsShown(search: string): 'attributed' | 'omitted' {
  return new URLSearchParams(search).get('proposals') === 'omit' ? 'omitted' : 'attributed';
}

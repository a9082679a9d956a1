export { countBracketsInNotation, type NotationCounts } from './count.ts';
export { looksLikeMarker } from './grammar.ts';
export {
  headingLabel,
  readHeadingLine,
  TEXT_LANGUAGES,
  type TextLanguage,
} from './headings.ts';
export {
  type InlineBracket,
  type InlineResult,
  type InlineRun,
  parseInlineBrackets,
  writeInline,
} from './inline.ts';
export { parseTreatyText, type TreatyTextError, type TreatyTextResult } from './parse.ts';
export type { SerializeOptions } from './serialize.ts';
export { serializeTreatyText, UNTITLED } from './serialize.ts';

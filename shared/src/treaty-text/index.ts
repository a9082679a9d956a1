export { countBracketsInNotation, type NotationCounts } from './count.ts';
export { looksLikeMarker } from './grammar.ts';
export {
  type InlineBracket,
  type InlineResult,
  type InlineRun,
  parseInlineBrackets,
  writeInline,
} from './inline.ts';
export { parseTreatyText, type TreatyTextError, type TreatyTextResult } from './parse.ts';
export { serializeTreatyText, UNTITLED } from './serialize.ts';

export { looksLikeMarker } from './grammar.ts';
export { parseTreatyText, type TreatyTextError, type TreatyTextResult } from './parse.ts';
export { serializeTreatyText, UNTITLED } from './serialize.ts';

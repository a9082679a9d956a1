import * as buf from 'lib0/buffer';
import * as sha256 from 'lib0/hash/sha256';
import * as Y from 'yjs';
import { treatyFragment } from '../ydoc.ts';

/**
 * Brackets as y-prosemirror stores them: a mark that does not exclude itself is a Y.XmlText format attribute
 * named `bracket--<hash>` whose value is the mark's attributes `{ id, group }`; a block bracket is the
 * `bracket` attribute of a Y.XmlElement.
 */

/** Whether a Y.XmlText format attribute key is a bracket's. */
export const isBracketKey = (key: string): boolean => key === 'bracket' || key.startsWith('bracket--');

/** One character of a Y.XmlText with its format attributes (an embed counts as one). */
export interface YChar {
  readonly char: string;
  readonly attrs: Readonly<Record<string, unknown>>;
}

/** The characters of `text` with their attributes, read from its delta. */
export function ycharsOf(text: Y.XmlText): YChar[] {
  const out: YChar[] = [];
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    const attrs = op.attributes ?? {};
    if (typeof op.insert === 'string') for (const char of op.insert) out.push({ char, attrs });
    else out.push({ char: '\uFFFC', attrs });
  }
  return out;
}

/** The bracket ids on a character's attributes, each with its attribute key. */
export function bracketsOn(attrs: Readonly<Record<string, unknown>>): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(attrs)) {
    if (!isBracketKey(key) || typeof value !== 'object' || value === null) continue;
    const id = (value as { id?: unknown }).id;
    if (typeof id === 'string') found.set(id, key);
  }
  return found;
}

/** Every Y.XmlText and Y.XmlElement of the treaty, in document order. */
export function* treatyTypes(ydoc: Y.Doc): Generator<Y.XmlText | Y.XmlElement> {
  function* walk(type: Y.XmlFragment | Y.XmlElement): Generator<Y.XmlText | Y.XmlElement> {
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlText) yield child;
      else if (child instanceof Y.XmlElement) {
        yield child;
        yield* walk(child);
      }
    }
  }
  yield* walk(treatyFragment(ydoc));
}

/** The runs [index, index + length) of `chars` that carry bracket `id`. */
export function runsOf(
  chars: readonly YChar[],
  id: string,
): { index: number; length: number; key: string }[] {
  const runs: { index: number; length: number; key: string }[] = [];
  chars.forEach((char, index) => {
    const key = bracketsOn(char.attrs).get(id);
    if (key === undefined) return;
    const last = runs.at(-1);
    if (last && last.index + last.length === index && last.key === key) last.length += 1;
    else runs.push({ index, length: 1, key });
  });
  return runs;
}

/** The proposal ids marking `chars` (insertion and deletion marks). */
export function proposalsOn(chars: readonly YChar[]): { inserted: Set<string>; deleted: Set<string> } {
  const inserted = new Set<string>();
  const deleted = new Set<string>();
  for (const { attrs } of chars) {
    const insertion = (attrs.insertion as { proposal?: unknown } | undefined)?.proposal;
    const deletion = (attrs.deletion as { proposal?: unknown } | undefined)?.proposal;
    if (typeof insertion === 'string') inserted.add(insertion);
    if (typeof deletion === 'string') deleted.add(deletion);
  }
  return { inserted, deleted };
}

/**
 * The Y.XmlText attribute key y-prosemirror gives a bracket mark: `bracket--` and 8 characters of a hash of the
 * mark's JSON (lib0's sha256, folded to 6 bytes, base64), as its `hashOfJSON` does.
 */
export function bracketKey(id: string, group: string | null): string {
  const digest = sha256.digest(buf.encodeAny({ type: 'bracket', attrs: { id, group } }));
  for (let i = 6; i < digest.length; i++) digest[i % 6] = digest[i % 6]! ^ digest[i]!;
  return `bracket--${buf.toBase64(digest.slice(0, 6))}`;
}

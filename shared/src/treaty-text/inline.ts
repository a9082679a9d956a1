import type { Mark, Node } from 'prosemirror-model';
import { newBracketId } from '../brackets/model.ts';
import { MarkName } from '../schema.ts';

/**
 * The inline bracket notation of one line (TX12, TX13): `[` and `]` around text, nested to any depth, options
 * labelled `[Option n: ...]`, and the escapes `\[ \] \{ \} \\` (plus `\:`, see `writeInline`). Both directions
 * live here so that the parser, the serializer and the editor's paste handler share one implementation.
 */

/** A bracket as the notation gives it: `group` is null for a plain bracket and for option 1 of a group. */
export interface InlineBracket {
  readonly id: string;
  readonly group: string | null;
}

/** A run of text and the brackets around it, outermost first. */
export interface InlineRun {
  readonly text: string;
  readonly brackets: readonly InlineBracket[];
}

/** The outcome of reading one line of inline notation; `column` is 1-based (TX11). */
export type InlineResult = { ok: true; runs: InlineRun[] } | { ok: false; column: number; message: string };

/** What a block line holds beyond its inline text: block closers (TX14) and a status marker (TX16). */
export interface LineScan {
  readonly runs: InlineRun[];
  /** 0-based indexes of the `]` that close whole blocks, in order. */
  readonly closers: number[];
  /** The status marker `{...}` and its 0-based index, if the line ends with one. */
  readonly status: { readonly index: number; readonly source: string } | null;
}

/** A refusal of `scanLine`: 0-based index into the scanned source. */
export interface ScanRefusal {
  readonly index: number;
  readonly message: string;
}

/** TX13: an option label right after `[`; one space after the colon belongs to the label. */
const OPTION_LABEL = /^Option[ \t]+(\d+):[ \t]?/;
/** Characters written escaped in block text (TX12); `:` only after an unlabelled `[` (see `writeInline`). */
const ESCAPED = new Set(['[', ']', '{', '}', '\\']);
const UNESCAPES = new Set([...ESCAPED, ':']);
const STATUS_TAIL = /^\{[^{}]*\}[ \t]*$/;

interface Frame {
  readonly bracket: InlineBracket;
  readonly index: number;
  /** Characters of text inside this bracket so far. */
  chars: number;
  /** The options group being read among this bracket's children (TX13). */
  group: GroupState;
}
interface GroupState {
  first: string | null;
  count: number;
}

/**
 * Reads one line of notation. `closers` is how many `]` beyond the inline ones may close whole blocks (the
 * open block brackets, TX14); `status` allows a final `{...}` marker (TX16), whose one preceding space is not
 * text. Never throws.
 */
export function scanLine(
  source: string,
  allow: { closers: number; status: boolean },
): { ok: true; scan: LineScan } | { ok: false; refusal: ScanRefusal } {
  const runs: InlineRun[] = [];
  const closers: number[] = [];
  const stack: Frame[] = [];
  const top: GroupState = { first: null, count: 0 };
  let buffer = '';
  const flush = () => {
    if (buffer) runs.push({ text: buffer, brackets: stack.map((frame) => frame.bracket) });
    buffer = '';
  };
  const fail = (index: number, message: string) => ({ ok: false as const, refusal: { index, message } });

  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (closers.length > 0 && char !== ']' && char !== '{' && char !== ' ' && char !== '\t') {
      return fail(i, 'Only a status marker may follow the ] that closes a block (TX14, TX16).');
    }
    if (char === '\\') {
      const next = source[i + 1];
      if (next === undefined || !UNESCAPES.has(next)) {
        return fail(i, 'A backslash escapes [, ], {, }, : or \\; write \\\\ for a backslash (TX12).');
      }
      buffer += next;
      for (const frame of stack) frame.chars += 1;
      i += 1;
    } else if (char === '[') {
      flush();
      const group = stack.at(-1)?.group ?? top;
      const label = OPTION_LABEL.exec(source.slice(i + 1));
      let bracket: InlineBracket = { id: newBracketId(), group: null };
      if (label) {
        const n = Number(label[1]);
        if (n === 1) {
          group.first = bracket.id;
          group.count = 1;
        } else if (group.first !== null && n === group.count + 1) {
          bracket = { id: bracket.id, group: group.first };
          group.count = n;
        } else {
          const expected = group.first === null ? 'Option 1' : `Option ${group.count + 1} or Option 1`;
          return fail(i + 1 + label[0].indexOf(label[1]!), `Expected ${expected}, found Option ${n} (TX13).`);
        }
      }
      stack.push({ bracket, index: i, chars: 0, group: { first: null, count: 0 } });
      if (label) i += label[0].length;
    } else if (char === ']') {
      const frame = stack.at(-1);
      if (frame) {
        if (frame.chars === 0) return fail(frame.index, 'This bracket holds no text (TX12).');
        flush();
        stack.pop();
      } else if (closers.length < allow.closers) closers.push(i);
      else return fail(i, 'This ] closes no bracket; write \\] for a literal bracket (TX12).');
    } else if (char === '{') {
      if (!allow.status) {
        return fail(
          i,
          'Only a paragraph line ends with a status marker; write \\{ for a literal brace (TX16).',
        );
      }
      const open = stack.at(-1);
      if (open) return fail(open.index, 'This [ is never closed (TX12).');
      if (!STATUS_TAIL.test(source.slice(i))) {
        return fail(i, 'A status marker {...} ends its line; write \\{ for a literal brace (TX16).');
      }
      // TX16: the canonical form puts one space between the text and the marker; it is not text.
      if (closers.length === 0 && buffer.endsWith(' ')) buffer = buffer.slice(0, -1);
      flush();
      return { ok: true, scan: { runs, closers, status: { index: i, source: source.slice(i).trimEnd() } } };
    } else if (char === '}') {
      return fail(i, 'This } closes no status marker; write \\} for a literal brace (TX12).');
    } else if (closers.length === 0) {
      buffer += char;
      for (const frame of stack) frame.chars += 1;
    }
  }
  const open = stack.at(-1);
  if (open) return fail(open.index, 'This [ is never closed (TX12).');
  flush();
  return { ok: true, scan: { runs, closers, status: null } };
}

/**
 * TX12/TX13 for the editor's paste handler: the notation of ONE line of text (brackets, options, escapes)
 * as runs of text with the brackets around each run, outermost first, with fresh bracket ids. A line that is
 * not well formed is refused with the 1-based column of the problem; never throws.
 */
export function parseInlineBrackets(text: string): InlineResult {
  const result = scanLine(text, { closers: 0, status: false });
  if (!result.ok) return { ok: false, column: result.refusal.index + 1, message: result.refusal.message };
  return { ok: true, runs: result.scan.runs };
}

interface Span {
  readonly id: string;
  readonly key: string;
  readonly from: number;
  to: number;
  readonly rank: number;
  label: string;
}

const escaped = (text: string) => text.replace(/[[\]{}\\]/g, (char) => `\\${char}`);

/** The bracket spans of a text block, outermost first at equal ranges (the order of the marks). */
function spansOf(block: Node): Span[] {
  const spans = new Map<string, Span>();
  let offset = 0;
  block.forEach((child) => {
    const end = offset + child.nodeSize;
    const brackets = child.marks.filter((mark: Mark) => mark.type.name === MarkName.bracket);
    brackets.forEach((mark, rank) => {
      const id = String(mark.attrs.id);
      const found = spans.get(id);
      if (found) found.to = end;
      else {
        const group = (mark.attrs.group as string | null) ?? null;
        spans.set(id, { id, key: group ?? id, from: offset, to: end, rank, label: '' });
      }
    });
    offset = end;
  });
  const list = [...spans.values()].sort((a, b) => a.from - b.from || b.to - a.to || a.rank - b.rank);
  // TX13: the members of a group present at least twice in the block are its options, numbered by position.
  const members = new Map<string, Span[]>();
  for (const span of list) members.set(span.key, [...(members.get(span.key) ?? []), span]);
  for (const group of members.values()) {
    if (group.length < 2) continue;
    group.forEach((span, n) => {
      span.label = `Option ${n + 1}: `;
    });
  }
  return list;
}

/**
 * The inline notation of a text block (TX12, TX13): its text escaped, its bracket marks written as `[...]`,
 * options labelled. A bracket covers its first to its last character (BR3: ranges never cross; a document
 * that breaks the rule still gets balanced brackets). When an unlabelled bracket's text would read back as an
 * option label, its colon is written `\:`.
 */
export function writeInline(block: Node): string {
  const text = block.textContent;
  const spans = spansOf(block);
  const stack: Span[] = [];
  const plainOpenings: number[] = [];
  let out = '';
  let next = 0;
  for (let pos = 0; pos <= text.length; pos++) {
    while (stack.some((span) => span.to <= pos)) {
      stack.pop();
      out += ']';
    }
    while (next < spans.length && spans[next]!.from === pos) {
      const span = spans[next++]!;
      if (!span.label) plainOpenings.push(out.length);
      out += `[${span.label}`;
      stack.push(span);
    }
    if (pos < text.length) out += escaped(text[pos]!);
  }
  for (const at of plainOpenings.reverse()) {
    const label = /^Option[ \t]+\d+:/.exec(out.slice(at + 1));
    if (label) {
      const colon = at + label[0].length;
      out = `${out.slice(0, colon)}\\${out.slice(colon)}`;
    }
  }
  return out;
}

import fc from 'fast-check';
import type { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { isBracketId } from '../brackets/model.ts';
import { scanBrackets } from '../brackets/scan.ts';
import { treatyFromYDoc, treatyToYDoc } from '../convert.ts';
import { numberTreaty } from '../numbering.ts';
import { treatySchema } from '../schema.ts';
import { build, parsedTreaty, refusalOf, withAttrs } from '../test-support.ts';
import { bracketedTreatyArb, withoutBracketIds } from './bracket-support.ts';
import { countBracketsInNotation } from './count.ts';
import { parseInlineBrackets, writeInline } from './inline.ts';
import { parseTreatyText } from './parse.ts';
import { serializeTreatyText } from './serialize.ts';

const parsed = parsedTreaty;
const refusal = refusalOf;
/** A one-article treaty around `lines`. */
const article = (...lines: string[]) => `T\n\nArticle 1\nH\n${lines.join('\n')}\n`;
/** The brackets around each run of a text block: [text, [id, group][]]. */
const runs = (block: Node) => {
  const out: [string, [string, string | null][]][] = [];
  block.forEach((child) => {
    out.push([
      child.text ?? '',
      child.marks
        .filter((m) => m.type.name === 'bracket')
        .map((m): [string, string | null] => [m.attrs.id, m.attrs.group]),
    ]);
  });
  return out;
};
const body = (doc: Node, article: number, paragraph: number) =>
  doc
    .child(2 + article)
    .child(1 + paragraph)
    .child(0);

describe('bracket notation of the treaty text', () => {
  it('TX12: inline brackets nest; each gets a fresh bracket id, outermost first', () => {
    const doc = parsed(article('1. [developed country Parties [and other Parties]] shall'));
    const found = runs(body(doc, 0, 0));
    expect(found.map(([text]) => text)).toEqual([
      'developed country Parties ',
      'and other Parties',
      ' shall',
    ]);
    const [outer, both, none] = found.map(([, brackets]) => brackets);
    expect(outer).toHaveLength(1);
    expect(both).toEqual([outer![0], both![1]]);
    expect(none).toEqual([]);
    expect(isBracketId(outer![0]![0])).toBe(true);
    expect(outer![0]![1]).toBeNull();
    expect(both![1]![0]).not.toBe(outer![0]![0]);
  });

  it('TX12: [, ], {, } and \\ in text are written escaped and read back literally', () => {
    const doc = build.doc('T', [], build.article(null, 'H', build.paragraph(null, 'a [b] {c} \\ d')));
    const text = serializeTreatyText(doc);
    expect(text).toBe('T\n\nArticle 1\nH\na \\[b\\] \\{c\\} \\\\ d\n');
    expect(body(parsed(text), 0, 0).textContent).toBe('a [b] {c} \\ d');
    expect(runs(body(parsed(text), 0, 0))[0]![1]).toEqual([]);
  });

  it('TX12: unbalanced brackets are refused at the offending character or the bracket left open', () => {
    expect(refusal(article('1. a [b c'))).toEqual({
      line: 5,
      column: 6,
      message: 'This [ is never closed.',
    });
    expect(refusal(article('1. a [b [c] d'))).toEqual({
      line: 5,
      column: 6,
      message: 'This [ is never closed.',
    });
    expect(refusal(article('1. a] b'))).toEqual({
      line: 5,
      column: 5,
      message: 'This ] closes no bracket; write \\] for a literal bracket.',
    });
    expect(refusal(article('1. a [] b'))).toEqual({
      line: 5,
      column: 6,
      message: 'This bracket holds no text.',
    });
    expect(refusal(article('1. a } b'))).toEqual({
      line: 5,
      column: 6,
      message: 'This } closes no status marker; write \\} for a literal brace.',
    });
    expect(refusal(article('1. a \\x'))).toEqual({
      line: 5,
      column: 6,
      message: 'A backslash escapes [, ], {, }, : or \\; write \\\\ for a backslash.',
    });
    expect(refusal(article('1. a \\'))).toMatchObject({ line: 5, column: 6 });
    // A bracket never spans two lines (an inline bracket stays in one block).
    expect(refusal(article('1. a [b', '2. c] d'))).toMatchObject({ line: 5, column: 6 });
    expect(refusal('T\n\nArticle 1\nHeading ]\n')).toMatchObject({ line: 4, column: 9 });
    expect(refusal('T\n\nChapter I\nHeading ]\n')).toMatchObject({ line: 4, column: 9 });
  });

  it('TX13: options form one group: option 1 has no group, the others name option 1', () => {
    const doc = parsed(article('1. States [Option 1: shall] [Option 2: should [, where possible,]] act'));
    const found = runs(body(doc, 0, 0));
    const [, first, , second, nested] = found.map(([, brackets]) => brackets);
    const [between, end] = [found[2]![0], found[5]![0]];
    expect(first).toHaveLength(1);
    expect(first![0]![1]).toBeNull();
    expect(second).toEqual([[second![0]![0], first![0]![0]]]);
    expect(nested).toEqual([second![0], [nested![1]![0], null]]);
    expect([between, end]).toEqual([' ', ' act']);
  });

  it('TX13: a new "Option 1" starts a new group; options nest inside options', () => {
    const text = article(
      '1. [Option 1: a] [Option 2: b] and [Option 1: c] [Option 2: [Option 1: d] [Option 2: e]] [Option 3: f]',
    );
    expect(serializeTreatyText(parsed(text))).toBe(text);
    const groups = runs(body(parsed(text), 0, 0))
      .flatMap(([, brackets]) => brackets)
      .map(([id, group]) => group ?? id);
    expect(new Set(groups).size).toBe(3);
  });

  it('TX13: options must be numbered from 1 without gaps', () => {
    expect(refusal(article('1. [Option 2: a]'))).toEqual({
      line: 5,
      column: 12,
      message: 'Expected Option 1, found Option 2.',
    });
    expect(refusal(article('1. [Option 1: a] [Option 3: b]'))).toEqual({
      line: 5,
      column: 26,
      message: 'Expected Option 2 or Option 1, found Option 3.',
    });
    // Option numbering restarts at each nesting level.
    expect(refusal(article('1. [Option 1: a [Option 2: b]]'))).toMatchObject({ line: 5, column: 25 });
    expect(refusal(article('1. [Option 1: ] [Option 2: b]'))).toEqual({
      line: 5,
      column: 4,
      message: 'This bracket holds no text.',
    });
  });

  it('TX13: a group with one option left is written as a plain bracket; "Option n:" text escapes its colon', () => {
    const option = treatySchema.marks.bracket.create({ id: 'b2', group: 'b1' });
    const lone = build.paragraph(null, '');
    const doc = build.doc(
      'T',
      [],
      build.article(
        null,
        'H',
        lone.copy(
          lone.content.replaceChild(
            0,
            treatySchema.nodes.body.create(null, treatySchema.text('x', [option])),
          ),
        ),
      ),
    );
    expect(serializeTreatyText(doc)).toBe('T\n\nArticle 1\nH\n1. [x]\n');
    const plain = treatySchema.marks.bracket.create({ id: 'b3', group: null });
    const block = treatySchema.nodes.body.create(null, treatySchema.text('Option 2: no option', [plain]));
    expect(writeInline(block)).toBe('[Option 2\\: no option]');
    const back = parseInlineBrackets(writeInline(block));
    expect(back.ok && back.runs.map((r) => [r.text, r.brackets[0]?.group])).toEqual([
      ['Option 2: no option', null],
    ]);
  });

  it('TX14: whole paragraphs, subparagraphs, clauses and articles are bracketed, innermost closing first', () => {
    const text = `T

[Article 1
Scope
[1. First [inline]
    [(a) sub
        [(i) clause]]]
2. Second
    (a) sub]

Article 2
H
[1. one]
    
[Article 3
]
`;
    const doc = parsed(text);
    const a1 = doc.child(2);
    expect(isBracketId(a1.attrs.bracket)).toBe(true);
    const p1 = a1.child(1);
    const ids = [
      a1.attrs.bracket,
      p1.attrs.bracket,
      p1.child(1).attrs.bracket,
      p1.child(1).child(1).attrs.bracket,
    ];
    expect(ids.every(isBracketId)).toBe(true);
    expect(new Set(ids).size).toBe(4);
    expect(a1.child(2).attrs.bracket).toBeNull();
    expect(a1.child(2).child(1).attrs.bracket).toBeNull();
    expect(doc.child(3).attrs.bracket).toBeNull();
    // TX7: a bracketed sole paragraph is written with its number.
    expect(doc.child(3).child(1).attrs.bracket).not.toBeNull();
    expect(isBracketId(doc.child(4).attrs.bracket)).toBe(true);
    expect(serializeTreatyText(doc)).toBe(text.replace('\n    \n', '\n\n'));
  });

  it('TX14: a block bracket left open or closed too early is refused where it opens or closes', () => {
    expect(refusal(article('[1. a', '2. b'))).toEqual({
      line: 5,
      column: 1,
      message: 'The bracket around paragraph 1 is never closed: end its last line with ].',
    });
    expect(refusal(article('1. a', '    [(a) b', '    (b) c]'))).toEqual({
      line: 6,
      column: 5,
      message: 'The bracket around subparagraph (a) is never closed: end its last line with ].',
    });
    expect(refusal(article('[1. a]', '    (a) b'))).toEqual({
      line: 5,
      column: 6,
      message:
        'This ] closes the bracket around paragraph 1, which goes on below: close it at the end of its last line.',
    });
    expect(refusal('T\n\n[Article 1\nH\n1. a\n')).toMatchObject({ line: 3, column: 1 });
    expect(refusal('T\n\n[Article 1\nH]\n1. a\n')).toMatchObject({ line: 4, column: 2 });
    expect(refusal(article('1. a]]'))).toMatchObject({ line: 5, column: 5 });
    expect(refusal(article('[1. a] b'))).toEqual({
      line: 5,
      column: 8,
      message: 'Only a status marker may follow the ] that closes a block (TX14, TX16).',
    });
    expect(refusal('T\n\nPreamble\n[PP1. a\nPP2. b]\n')).toMatchObject({ line: 4, column: 1 });
  });

  it('TX15/NU8: "[N alt. text]" is an alternative to the bracketed paragraph before it', () => {
    const text = article('[1. a]', '[1 alt. b]', '[1 alt 2. c', '    (a) d]', '2. e');
    const doc = parsed(text);
    const [p1, alt1, alt2, p2] = [1, 2, 3, 4].map((i) => doc.child(2).child(i));
    expect(alt1!.attrs.bracketGroup).toBe(p1!.attrs.bracket);
    expect(alt2!.attrs.bracketGroup).toBe(p1!.attrs.bracket);
    expect(p2!.attrs.bracketGroup).toBeNull();
    expect(numberTreaty(doc).map((b) => b.label)).toEqual([
      'Article 1',
      '1.',
      '1 alt',
      '1 alt 2',
      '(a)',
      '2.',
    ]);
    expect(serializeTreatyText(doc)).toBe(text);
    const sole = article('[1. a] {adopted}', '[1 alt. b]');
    expect(numberTreaty(parsed(sole)).map((b) => b.label)).toEqual(['Article 1', '', 'alt']);
    expect(serializeTreatyText(parsed(sole))).toBe(sole);
    const preamble = 'T\n\nPreamble\nPP1. a\n[PP2. b]\n[PP2 alt. c]\nPP3. d\n';
    expect(numberTreaty(parsed(preamble)).map((b) => b.label)).toEqual(['PP1', 'PP2', 'PP2 alt', 'PP3']);
    expect(serializeTreatyText(parsed(preamble))).toBe(preamble);
  });

  it('TX15: an alternative must be bracketed, follow a bracketed paragraph and carry the right number', () => {
    expect(refusal(article('[1. a]', '1 alt. b'))).toEqual({
      line: 6,
      column: 1,
      message: 'An alternative is bracketed: write [N alt. text].',
    });
    expect(refusal(article('1. a', '[1 alt. b]'))).toEqual({
      line: 6,
      column: 2,
      message: 'An alternative follows the bracketed paragraph it is an alternative to.',
    });
    expect(refusal(article('[1. a]', '[2 alt. b]'))).toEqual({
      line: 6,
      column: 2,
      message: 'Expected 1 alt, found 2 alt.',
    });
    expect(refusal(article('[1. a]', '[1 alt. b]', '[1 alt 3. c]'))).toEqual({
      line: 7,
      column: 2,
      message: 'Expected 1 alt 2, found 1 alt 3.',
    });
    expect(refusal(article('[1 alt. b]'))).toMatchObject({ line: 5, column: 2 });
    expect(refusal('T\n\nPreamble\nPP1. a\n[PP1 alt. b]\n')).toEqual({
      line: 5,
      column: 4,
      message: 'An alternative follows the bracketed paragraph it is an alternative to.',
    });
    expect(refusal('T\n\nPreamble\n[PP1. a]\nPP1 alt. b\n')).toMatchObject({ line: 5, column: 1 });
  });

  it('TX16: status markers end a paragraph line and set status, pending delegations and package', () => {
    const text = `T

Preamble
PP1. a {adopted}

Article 1
H
1. b {informals}
[2. c [d] {informals, pending USA CHN}
    (a) e]
3. f {ad ref; package P1}
4. {open; package P1}
5. g
`;
    const doc = parsed(text);
    const attrs = (node: Node) => [node.attrs.status, node.attrs.pending, node.attrs.package];
    expect(attrs(doc.child(1).child(0))).toEqual(['adopted', null, null]);
    expect([1, 2, 3, 4, 5].map((i) => attrs(doc.child(2).child(i)))).toEqual([
      ['informals', null, null],
      ['informals', 'USA CHN', null],
      ['adref', null, 'P1'],
      [null, null, 'P1'],
      [null, null, null],
    ]);
    expect(body(doc, 0, 0).textContent).toBe('b');
    expect(serializeTreatyText(doc)).toBe(text);
    // The one space before the marker is not text; more are.
    expect(body(parsed(article('1. x  {adopted}')), 0, 0).textContent).toBe('x ');
    expect(serializeTreatyText(parsed(article('Only text {adopted}')))).toBe(article('Only text {adopted}'));
  });

  it('TX16: a bad status marker is refused at the marker or the bad part', () => {
    expect(refusal(article('1. a {agreed}'))).toEqual({
      line: 5,
      column: 6,
      message:
        'Expected a status marker such as {informals}, {informals, pending USA}, {ad ref}, {adopted} or {open; package P1}.',
    });
    expect(refusal(article('1. a {informals, pending USA XXX}'))).toEqual({
      line: 5,
      column: 30,
      message: 'Unknown delegation "XXX" (DL1).',
    });
    expect(refusal(article('1. a {adopted, pending USA}'))).toEqual({
      line: 5,
      column: 16,
      message: 'Only {informals} waits for pending delegations (SS1).',
    });
    expect(refusal(article('1. a {informals, pending}'))).toMatchObject({ line: 5, column: 25 });
    expect(refusal(article('1. a {adopted; package }'))).toMatchObject({ line: 5, column: 23 });
    expect(refusal(article('1. a {adopted} b'))).toEqual({
      line: 5,
      column: 6,
      message: 'A status marker {...} ends its line; write \\{ for a literal brace.',
    });
    expect(refusal(article('1. [a {adopted}'))).toMatchObject({ line: 5, column: 4 });
    expect(refusal(article('1. a', '    (a) b {adopted}'))).toEqual({
      line: 6,
      column: 11,
      message: 'Only a paragraph line ends with a status marker; write \\{ for a literal brace.',
    });
  });

  it('TX10/TX12-TX16: a bracketed draft round-trips exactly', () => {
    const draft = `Draft decision -/CMP.1

Preamble
PP1. Recalling [its [earlier]] resolutions, {adopted}
[PP2. Noting [Option 1: a] [Option 2: b [c]] and \\[literal\\] \\{x\\} \\\\ end]
[PP2 alt. Other] {informals, pending USA CHN; package P1}

Chapter I
General [provisions]

[Article 1
Scope [of application]
[1. Only text] {ad ref}
[1 alt. Other text
    (a) sub]
[1 alt 2. Third]]

Article 2
H
[1. First
    [(a) sub
        [(i) clause]]]
2. [Option 1: x] [Option 2: [Option 1: y] [Option 2: z]] {open; package P2}
    (a) [Option 1\\: not an option][Option 1: p][Option 2: q]
`;
    const doc = parsed(draft);
    expect(serializeTreatyText(doc)).toBe(draft);
    expect(withoutBracketIds(parsed(serializeTreatyText(doc)))).toEqual(withoutBracketIds(doc));
  });

  it('TX10: random bracketed treaties round-trip, text exactly and documents ids aside (property)', () => {
    fc.assert(
      fc.property(bracketedTreatyArb, (doc) => {
        doc.check();
        const text = serializeTreatyText(doc);
        const back = parsed(text);
        expect(withoutBracketIds(back)).toEqual(withoutBracketIds(doc));
        expect(serializeTreatyText(back)).toBe(text);
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('TX10: the notation of a bracketed treaty is the same after a Y.Doc round trip (property)', () => {
    fc.assert(
      fc.property(bracketedTreatyArb, (doc) => {
        const ydoc = treatyToYDoc(doc);
        const back = treatyFromYDoc(ydoc);
        ydoc.destroy();
        expect(withoutBracketIds(back)).toEqual(withoutBracketIds(doc));
        expect(serializeTreatyText(back)).toBe(serializeTreatyText(doc));
      }),
      { numRuns: 50 },
    );
  }, 60_000);

  it('TX11/TX12: deleting or inserting one [ or ] is refused inside the text or parsed, never thrown (property)', () => {
    const mutation = fc.record({ at: fc.nat(), insert: fc.boolean(), char: fc.constantFrom('[', ']') });
    fc.assert(
      fc.property(bracketedTreatyArb, mutation, (doc, { at, insert, char }) => {
        const text = serializeTreatyText(doc);
        let mutated: string;
        if (insert) {
          const i = at % (text.length + 1);
          mutated = text.slice(0, i) + char + text.slice(i);
        } else {
          const places = [...text].flatMap((c, i) => (c === '[' || c === ']' ? [i] : []));
          if (places.length === 0) return;
          const i = places[at % places.length]!;
          mutated = text.slice(0, i) + text.slice(i + 1);
        }
        const result = parseTreatyText(mutated);
        if (result.ok) {
          expect(() => result.doc.check()).not.toThrow();
          expect(() => serializeTreatyText(result.doc)).not.toThrow();
        } else {
          const lines = mutated.split('\n');
          expect(result.error.line).toBeGreaterThanOrEqual(1);
          expect(result.error.line).toBeLessThanOrEqual(lines.length);
          expect(result.error.column).toBeGreaterThanOrEqual(1);
          expect(result.error.column).toBeLessThanOrEqual(lines[result.error.line - 1]!.length + 1);
          expect(result.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});

describe('inline notation for the paste handler', () => {
  it('TX12/TX13: parseInlineBrackets gives runs with their brackets, outermost first', () => {
    const result = parseInlineBrackets('a [b [c]] [Option 1: d] [Option 2: e] \\[f\\]');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const shape = result.runs.map((run) => [run.text, run.brackets.length]);
    expect(shape).toEqual([
      ['a ', 0],
      ['b ', 1],
      ['c', 2],
      [' ', 0],
      ['d', 1],
      [' ', 0],
      ['e', 1],
      [' [f]', 0],
    ]);
    const [b, c] = [result.runs[1]!, result.runs[2]!];
    expect(c.brackets[0]).toEqual(b.brackets[0]);
    expect(result.runs[6]!.brackets[0]!.group).toBe(result.runs[4]!.brackets[0]!.id);
  });

  it('TX12: parseInlineBrackets refuses with a 1-based column; braces and block closers are not inline', () => {
    expect(parseInlineBrackets('a [b')).toEqual({
      ok: false,
      column: 3,
      message: 'This [ is never closed (TX12).',
    });
    expect(parseInlineBrackets('a] b')).toMatchObject({ ok: false, column: 2 });
    expect(parseInlineBrackets('a {adopted}')).toMatchObject({ ok: false, column: 3 });
    expect(parseInlineBrackets('')).toEqual({ ok: true, runs: [] });
  });
});

describe('counting brackets in the notation', () => {
  it('BR8: brackets are the unescaped [, options the option labels and the members of alt groups', () => {
    const text = `T [not counted]

Preamble
[PP1. a [b] \\[c\\]]
[PP1 alt. d]

Article 1
H
[1. [Option 1: x] [Option 2: y [z]] [Option 3\\: w]]
[1 alt. v]
[1 alt 2. u]
`;
    expect(countBracketsInNotation(text)).toEqual({ brackets: 10, options: 2 + 2 + 2 + 1 });
    expect(countBracketsInNotation('')).toEqual({ brackets: 0, options: 0 });
  });

  it('BR8: scanBrackets counts what the notation shows: brackets and options of groups of two or more (property)', () => {
    fc.assert(
      fc.property(bracketedTreatyArb, (doc) => {
        const { total } = scanBrackets(doc);
        expect(countBracketsInNotation(serializeTreatyText(doc))).toEqual({
          brackets: total.brackets,
          options: total.options,
        });
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});

describe('writing the notation', () => {
  it('TX12: a document whose brackets cross is still written balanced', () => {
    const m = (id: string) => treatySchema.marks.bracket.create({ id, group: null });
    const text = (value: string, marks: readonly ReturnType<typeof m>[]) => treatySchema.text(value, marks);
    const block = treatySchema.nodes.body.create(null, [
      text('a', [m('x')]),
      text('b', [m('x'), m('y')]),
      text('c', [m('y')]),
    ]);
    expect(writeInline(block)).toBe('[a[b]]c');
    const doc = build.doc(
      'T',
      [],
      build.article(null, 'H', withAttrs(build.paragraph(null, 'p'), { bracketGroup: 'zz' })),
    );
    expect(serializeTreatyText(doc)).toBe('T\n\nArticle 1\nH\np\n');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_CONVENTION_TEXT } from '../demo-convention.ts';
import { numberTreaty } from '../numbering.ts';
import { build, lineArb, parsedTreaty, refusalOf, treatyArb, withoutIds } from '../test-support.ts';
import { parseTreatyText } from './parse.ts';
import { serializeTreatyText, UNTITLED } from './serialize.ts';

const parsed = parsedTreaty;
const refusal = refusalOf;

const SAMPLE = `Draft convention

Preamble
PP1. The States Parties,
PP2. Have agreed as follows:

Chapter I
General provisions

Article 1
Purpose
The purposes are:
    (a) To promote;
    (b) To foster:
        (i) one;
        (ii) two;

Article 2
Use of terms
1. For the purposes:
    (a) "x" shall mean y;
2. Nothing in this article.
`;

describe('plain-text treaty format', () => {
  it('TX1: the first line is the title and must not be empty or a heading', () => {
    expect(parsed('Draft convention\n').firstChild?.textContent).toBe('Draft convention');
    expect(refusal('')).toEqual({
      line: 1,
      column: 1,
      message: 'The first line must be the title of the treaty.',
    });
    expect(refusal('\nDraft')).toMatchObject({ line: 1, column: 1 });
    expect(refusal('Article 1\nScope\n')).toMatchObject({ line: 1, column: 1 });
  });

  it('TX2: blank lines are ignored; the canonical form separates sections by one blank line', () => {
    const loose = 'Draft\n\n\n\nArticle 1\nScope\n\n\nThe text.\n\n';
    expect(serializeTreatyText(parsed(loose))).toBe('Draft\n\nArticle 1\nScope\nThe text.\n');
    expect(serializeTreatyText(build.doc('', []))).toBe(`${UNTITLED}\n`);
  });

  it('TX3: preambular paragraphs, with optional PP markers that must match', () => {
    const doc = parsed('T\n\nPreamble\nRecalling its resolution,\nPP2. Noting,\n');
    expect(numberTreaty(doc).map((b) => b.label)).toEqual(['PP1', 'PP2']);
    expect(doc.child(1).child(0).textContent).toBe('Recalling its resolution,');
    expect(serializeTreatyText(doc)).toBe('T\n\nPreamble\nPP1. Recalling its resolution,\nPP2. Noting,\n');
    expect(refusal('T\n\nPreamble\nPP1. a\nPP3. b\n')).toEqual({
      line: 5,
      column: 3,
      message: 'Expected PP2, found PP3.',
    });
    expect(refusal('T\n\nArticle 1\nH\nx\nPreamble\n')).toMatchObject({ line: 6, column: 1 });
  });

  it('TX4: chapter and article numbers must be the derived ones; the next line is the heading', () => {
    expect(refusal('T\n\nArticle 2\nScope\n')).toEqual({
      line: 3,
      column: 9,
      message: 'Expected Article 1, found Article 2.',
    });
    expect(refusal('T\n\nChapter II\nH\n')).toEqual({
      line: 3,
      column: 9,
      message: 'Expected Chapter I, found Chapter II.',
    });
    const doc = parsed('T\n\nArticle 1\n\n1. x\n');
    expect(doc.child(2).firstChild?.textContent).toBe('');
    expect(refusal('T\n\nArticle 1')).toMatchObject({
      line: 3,
      message: 'Article 1 needs a heading on the next line.',
    });
  });

  it('ST2/TX4: once chapters are used, every article must be in one', () => {
    expect(refusal('T\n\nArticle 1\nH\nx\n\nChapter I\nG\n')).toEqual({
      line: 3,
      column: 1,
      message:
        'This article stands outside any chapter or part, but the text has them: put every article in one.',
    });
  });

  it('TX5: numbered paragraphs in sequence; a second paragraph after an unnumbered one is refused', () => {
    expect(refusal('T\n\nArticle 1\nH\n1. a\n3. b\n')).toEqual({
      line: 6,
      column: 1,
      message: 'Expected paragraph 2., found 3.',
    });
    expect(refusal('T\n\nArticle 1\nH\nfirst\nsecond\n')).toMatchObject({ line: 6, column: 1 });
    expect(refusal('T\n\nArticle 1\nH\nfirst\n2. second\n')).toMatchObject({ line: 6, column: 1 });
    expect(refusal('T\n\nArticle 1\nH\n1. a\nloose text\n')).toMatchObject({ line: 6, column: 1 });
    expect(refusal('T\n\nArticle 1\nH\n  (a) x\n')).toEqual({
      line: 5,
      column: 3,
      message: '(a) must follow a paragraph.',
    });
    expect(refusal('T\nstray text\n')).toMatchObject({ line: 2, column: 1 });
  });

  it('TX6: (i) after (h) is a subparagraph unless indented deeper than (h)', () => {
    const letters = 'abcdefgh'.split('').map((l) => `    (${l}) x`);
    const asLetter = parsed(`T\n\nArticle 1\nH\n1. p\n${letters.join('\n')}\n    (i) ninth\n2. q\n`);
    expect(numberTreaty(asLetter).filter((b) => b.kind === 'subparagraph')).toHaveLength(9);
    const asClause = parsed(
      `T\n\nArticle 1\nH\n1. p\n${letters.join('\n')}\n        (i) first clause\n2. q\n`,
    );
    expect(
      numberTreaty(asClause)
        .filter((b) => b.kind === 'clause')
        .map((b) => b.label),
    ).toEqual(['(i)']);
    // Without ambiguity, indentation does not matter.
    const flat = parsed('T\n\nArticle 1\nH\n1. p\n(a) x\n(i) y\n(ii) z\n(b) w\n2. q\n');
    expect(numberTreaty(flat).map((b) => b.label)).toEqual([
      'Article 1',
      '1.',
      '(a)',
      '(i)',
      '(ii)',
      '(b)',
      '2.',
    ]);
    expect(refusal('T\n\nArticle 1\nH\n1. p\n    (a) x\n    (c) y\n')).toEqual({
      line: 7,
      column: 6,
      message: 'Expected (b) or (i), found (c).',
    });
  });

  it('TX7: a single paragraph is written bare, or as "1." when empty', () => {
    expect(
      serializeTreatyText(build.doc('T', [], build.article('a', 'H', build.paragraph('p', 'Only.')))),
    ).toBe('T\n\nArticle 1\nH\nOnly.\n');
    const empty = build.doc('T', [], build.article('a', 'H', build.paragraph('p', '')));
    expect(serializeTreatyText(empty)).toBe('T\n\nArticle 1\nH\n1.\n');
    expect(withoutIds(parsed(serializeTreatyText(empty)))).toEqual(withoutIds(empty));
  });

  it('TX8: leading and trailing white space is not text', () => {
    const doc = parsed('T\n\nArticle 1\nH \n1.    spaced  \n2. [bracketed]  \t\n');
    expect(doc.child(2).child(1).textContent).toBe('spaced');
    expect(doc.child(2).child(2).textContent).toBe('bracketed');
    expect(doc.child(2).firstChild!.textContent).toBe('H');
  });

  it('TX9: text that would read as a marker is written after its number', () => {
    for (const text of ['(a) looks lettered', '2. looks numbered', 'Article 3', 'Preamble', 'PP1. x']) {
      const doc = build.doc('T', [], build.article('a', 'H', build.paragraph('p', text)));
      const written = serializeTreatyText(doc);
      expect(written).toBe(`T\n\nArticle 1\nH\n1. ${text}\n`);
      expect(withoutIds(parsed(written))).toEqual(withoutIds(doc));
    }
  });

  it('TX10: the canonical form round-trips exactly (sample and demo convention)', () => {
    expect(serializeTreatyText(parsed(SAMPLE))).toBe(SAMPLE);
    expect(serializeTreatyText(parsed(DEMO_CONVENTION_TEXT))).toBe(DEMO_CONVENTION_TEXT);
  });

  it('TX10: any treaty survives text → document → text (property)', () => {
    fc.assert(
      fc.property(treatyArb, (doc) => {
        const text = serializeTreatyText(doc);
        const back = parsed(text);
        expect(withoutIds(back)).toEqual(withoutIds(doc));
        expect(serializeTreatyText(back)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('TX11: parsing never throws, for arbitrary and for mutated input (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (input) => {
        const result = parseTreatyText(input);
        if (!result.ok) {
          expect(result.error.line).toBeGreaterThanOrEqual(1);
          expect(result.error.column).toBeGreaterThanOrEqual(1);
          expect(result.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
    const lines = SAMPLE.split('\n');
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat(lines.length - 1),
            fc.oneof(lineArb, fc.constantFrom('(c)', '3.', 'Article 9', 'Chapter V', 'PP9.', '')),
          ),
          {
            maxLength: 4,
          },
        ),
        (mutations) => {
          const copy = [...lines];
          for (const [at, text] of mutations) copy.splice(at, 1, text);
          const result = parseTreatyText(copy.join('\n'));
          if (result.ok) expect(() => result.doc.check()).not.toThrow();
          else expect(result.error.line).toBeLessThanOrEqual(copy.length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('assigns fresh unique ids to every id-bearing block', () => {
    const doc = parsed(SAMPLE);
    const ids = numberTreaty(doc).map((b) => b.id);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z0-9]{10}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

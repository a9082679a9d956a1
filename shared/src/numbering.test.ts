import { describe, expect, it } from 'vitest';
import { Label, numberTreaty, toLetters, toRoman, treatyOutline } from './numbering.ts';
import { build, withAttrs } from './test-support.ts';

const { doc, pp, chapter, article, paragraph, sub, clause } = build;

const labels = (d: ReturnType<typeof doc>) => numberTreaty(d).map((b) => `${b.id}=${b.label}`);

describe('numbering', () => {
  it('NU1: articles are numbered continuously across chapters', () => {
    const d = doc(
      'T',
      [],
      chapter('c1', 'One', article('a1', 'A'), article('a2', 'B')),
      chapter('c2', 'Two', article('a3', 'C')),
    );
    expect(labels(d).filter((l) => l.startsWith('a'))).toEqual([
      'a1=Article 1',
      'a2=Article 2',
      'a3=Article 3',
    ]);
  });

  it('NU2: chapters take capital Roman numerals', () => {
    const chapters = Array.from({ length: 14 }, (_, i) => chapter(`c${i}`, 'H'));
    const d = doc('T', [], ...chapters);
    const out = numberTreaty(d).filter((b) => b.kind === 'chapter');
    expect(out.map((b) => b.label).slice(0, 5)).toEqual([
      'Chapter I',
      'Chapter II',
      'Chapter III',
      'Chapter IV',
      'Chapter V',
    ]);
    expect(out[8]?.label).toBe('Chapter IX');
    expect(out[13]?.label).toBe('Chapter XIV');
  });

  it('NU3: paragraphs are numbered, except the single paragraph of an article', () => {
    const d = doc(
      'T',
      [],
      article('a1', 'Sole', paragraph('p1', 'Only one.')),
      article('a2', 'Two', paragraph('p2', 'First.'), paragraph('p3', 'Second.')),
    );
    expect(labels(d)).toEqual(['a1=Article 1', 'p1=', 'a2=Article 2', 'p2=1.', 'p3=2.']);
  });

  it('NU4: subparagraphs run (a)..(z), then (aa), (bb), restarting in each paragraph', () => {
    expect([1, 2, 26, 27, 28, 52, 53].map(toLetters)).toEqual(['a', 'b', 'z', 'aa', 'bb', 'zz', 'aaa']);
    const subs = Array.from({ length: 28 }, (_, i) => sub(`s${i}`, 'x'));
    const d = doc(
      'T',
      [],
      article('a', 'H', paragraph('p1', 'x', ...subs), paragraph('p2', 'y', sub('t0', 'z'))),
    );
    const out = numberTreaty(d).filter((b) => b.kind === 'subparagraph');
    expect(out[0]?.label).toBe('(a)');
    expect(out[25]?.label).toBe('(z)');
    expect(out[26]?.label).toBe('(aa)');
    expect(out[27]?.label).toBe('(bb)');
    expect(out[28]).toMatchObject({ id: 't0', label: '(a)' });
  });

  it('NU5: clauses take lower-case Roman numerals, restarting in each subparagraph', () => {
    expect([1, 2, 3, 4, 5, 9, 14, 40, 1994].map(toRoman)).toEqual([
      'i',
      'ii',
      'iii',
      'iv',
      'v',
      'ix',
      'xiv',
      'xl',
      'mcmxciv',
    ]);
    const d = doc(
      'T',
      [],
      article(
        'a',
        'H',
        paragraph(
          'p',
          'x',
          sub('s1', 'x', clause('k1', 'a'), clause('k2', 'b')),
          sub('s2', 'y', clause('k3', 'c')),
        ),
      ),
    );
    expect(labels(d).filter((l) => l.startsWith('k'))).toEqual(['k1=(i)', 'k2=(ii)', 'k3=(i)']);
  });

  it('NU6: preambular paragraphs are PP1, PP2 ...', () => {
    const d = doc('T', [pp('x', 'Recalling'), pp('y', 'Noting')]);
    expect(labels(d)).toEqual(['x=PP1', 'y=PP2']);
  });

  it('NU7: the outline lists chapters and articles with numbers and headings', () => {
    const d = doc(
      'T',
      [],
      chapter('c', 'General provisions', article('a', 'Use of terms')),
      chapter('d', 'Final'),
    );
    expect(treatyOutline(d).map(({ id, kind, label, heading }) => ({ id, kind, label, heading }))).toEqual([
      { id: 'c', kind: 'chapter', label: 'Chapter I', heading: 'General provisions' },
      { id: 'a', kind: 'article', label: 'Article 1', heading: 'Use of terms' },
      { id: 'd', kind: 'chapter', label: 'Chapter II', heading: 'Final' },
    ]);
  });

  it('NU8: a paragraph alternative takes its number with "alt" and does not advance the numbering', () => {
    const bracketed = (id: string, bracket: string, group: string | null = null) =>
      withAttrs(paragraph(id, id), { bracket, bracketGroup: group });
    const d = doc(
      'T',
      [],
      article(
        'a',
        'H',
        paragraph('p1', 'x'),
        bracketed('p2', 'B1'),
        bracketed('p2a', 'B2', 'B1'),
        bracketed('p2b', 'B3', 'B1'),
        paragraph('p3', 'y'),
        // An option whose first option is gone is not an alternative of the paragraph before it.
        bracketed('p4', 'B5', 'B4'),
        bracketed('p4a', 'B6', 'B4'),
      ),
    );
    expect(labels(d)).toEqual([
      'a=Article 1',
      'p1=1.',
      'p2=2.',
      'p2a=2 alt',
      'p2b=2 alt 2',
      'p3=3.',
      'p4=4.',
      'p4a=4 alt',
    ]);
  });

  it('NU8: alternatives do not count for NU3; the sole paragraph\'s alternatives read "alt", "alt 2"', () => {
    const d = doc(
      'T',
      [],
      article(
        'a',
        'H',
        withAttrs(paragraph('p', 'x', sub('s', 'y')), { bracket: 'B1' }),
        withAttrs(paragraph('q', 'z', sub('t', 'w')), { bracket: 'B2', bracketGroup: 'B1' }),
        withAttrs(paragraph('r', 'v'), { bracket: 'B3', bracketGroup: 'B1' }),
      ),
    );
    expect(labels(d)).toEqual(['a=Article 1', 'p=', 's=(a)', 'q=alt', 't=(a)', 'r=alt 2']);
  });

  it('NU8: preambular alternatives read "PP3 alt"; a group key that does not match is no alternative', () => {
    const d = doc('T', [
      pp('x', 'a'),
      pp('y', 'b'),
      withAttrs(pp('z', 'c'), { bracket: 'B1' }),
      withAttrs(pp('z2', 'd'), { bracket: 'B2', bracketGroup: 'B1' }),
      withAttrs(pp('z3', 'd'), { bracket: 'B3', bracketGroup: 'B1' }),
      withAttrs(pp('w', 'e'), { bracket: 'B4', bracketGroup: 'B9' }),
    ]);
    expect(labels(d)).toEqual(['x=PP1', 'y=PP2', 'z=PP3', 'z2=PP3 alt', 'z3=PP3 alt 2', 'w=PP4']);
    expect(Label.alternative('5', 1)).toBe('5 alt');
    expect(Label.alternative('', 2)).toBe('alt 2');
  });

  it('gives positions that resolve to the numbered nodes', () => {
    const d = doc(
      'T',
      [pp('x', 'a')],
      chapter('c', 'H', article('a', 'H', paragraph('p', 'x', sub('s', 'y')))),
    );
    for (const block of numberTreaty(d)) expect(d.nodeAt(block.pos)?.attrs.id).toBe(block.id);
  });

  it('refuses to number zero or fractions (programmer misuse)', () => {
    expect(() => toRoman(0)).toThrow('toRoman expects a positive integer, got 0');
    expect(() => toLetters(1.5)).toThrow('toLetters expects a positive integer, got 1.5');
    expect(Label.paragraph(3)).toBe('3.');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { treatyOutline } from '../numbering.ts';
import { parsedTreaty, refusalOf, treatyArb, withoutIds } from '../test-support.ts';
import { TEXT_LANGUAGES } from './headings.ts';
import { parseTreatyText } from './parse.ts';
import { serializeTreatyText } from './serialize.ts';

const outline = (text: string) =>
  treatyOutline(parsedTreaty(text)).map((e) => `${'  '.repeat(e.depth)}${e.label}`);

describe('treaty structure in the plain-text format (ST5, ST7, TX17–TX20)', () => {
  it('ST5/TX17: parts, chapters, sections, sub-sections and titles nest as the text nests them; the outline shows every level (NU7, NU9)', () => {
    const text = `Convention
\nPart I\nGeneral\n\nChapter I\nUse of terms\n\nArticle 1\nDefinitions\nx\n\nChapter II\nMeasures\n\nSection 1\nSubstantive law\n\nTitle 1\nOffences\n\nArticle 2\nIllegal access\ny\n\nTitle 2\nOther\n\nArticle 3\nZ\nz\n\nSection 2\nProcedure\n\nSub-section 1\nScope\n\nArticle 4\nW\nw\n\nPart II\nFinal\n\nChapter III\nFinal clauses\n\nArticle 5\nEntry into force\nv\n`;
    expect(outline(text)).toEqual([
      'Part I',
      '  Chapter I',
      '    Article 1',
      '  Chapter II',
      '    Section 1',
      '      Title 1',
      '        Article 2',
      '      Title 2',
      '        Article 3',
      '    Section 2',
      '      Sub-section 1',
      '        Article 4',
      'Part II',
      '  Chapter III',
      '    Article 5',
    ]);
    expect(serializeTreatyText(parsedTreaty(text))).toBe(text);
  });

  it('NU9/TX17: section numbers restart in each chapter; a wrong one is refused at its number', () => {
    const ok = 'T\n\nChapter I\nA\n\nSection 1\nS\n\nChapter II\nB\n\nSection 1\nS\n';
    expect(serializeTreatyText(parsedTreaty(ok))).toBe(ok);
    expect(refusalOf('T\n\nChapter I\nA\n\nSection 2\nS\n')).toEqual({
      line: 6,
      column: 9,
      message: 'Expected Section 1, found Section 2.',
    });
  });

  it('TX17: article and chapter headings of the six UN languages, in capitals too, and their canonical form', () => {
    const cases: [string, string, string][] = [
      ['fr', 'Chapitre I\nA\n\nArticle premier\nH\nx\n\nArticle 2\nH\ny\n', 'fr'],
      ['fr 1er', 'Article 1er\nH\nx\n', 'fr'],
      ['ru', 'Глава I\nA\n\nСтатья 1\nH\nx\n', 'ru'],
      ['es', 'Capítulo I\nA\n\nArtículo 1\nH\nx\n', 'es'],
      ['ar', 'الفصل I\nA\n\nالمادة 1\nH\nx\n', 'ar'],
      ['zh digits', '第1章\nA\n\n第1条\nH\nx\n', 'zh'],
      ['zh numerals', '第一章\nA\n\n第一条\nH\nx\n', 'zh'],
      ['capitals', 'CHAPTER I\nA\n\nARTICLE 1\nH\nx\n', 'en'],
      ['part', 'Partie I\nA\n\nArticle premier\nH\nx\n', 'fr'],
    ];
    for (const [name, body, language] of cases) {
      const result = parseTreatyText(`T\n\n${body}`);
      expect(result.ok, name).toBe(true);
      if (!result.ok) continue;
      expect(result.language, name).toBe(language);
      expect(
        treatyOutline(result.doc).map((e) => e.kind),
        name,
      ).toContain('article');
    }
    const fr = parseTreatyText('T\n\nArticle premier\nH\nx\n\nArticle 2\nH\ny\n');
    if (!fr.ok) throw new Error('French text refused');
    expect(serializeTreatyText(fr.doc, { language: 'fr' })).toBe(
      'T\n\nArticle premier\nH\nx\n\nArticle 2\nH\ny\n',
    );
    const zh = parseTreatyText('T\n\n第一章\nA\n\n第1条\nH\nx\n');
    if (!zh.ok) throw new Error('Chinese text refused');
    expect(serializeTreatyText(zh.doc, { language: 'zh' })).toBe('T\n\n第一章\nA\n\n第一条\nH\nx\n');
  });

  it('TX19: a one-line heading "Article 1. Scope", "Article 1 – Scope", "CHAPTER II: Title" reads as a heading', () => {
    const doc = parsedTreaty(
      'T\n\nChapter I: General\n\nArticle 1. Scope\nx\n\nArticle 2 – Purpose\n1. y\n2. z\n',
    );
    expect(treatyOutline(doc).map((e) => `${e.label} ${e.heading}`)).toEqual([
      'Chapter I General',
      'Article 1 Scope',
      'Article 2 Purpose',
    ]);
    expect(serializeTreatyText(doc)).toBe(
      'T\n\nChapter I\nGeneral\n\nArticle 1\nScope\nx\n\nArticle 2\nPurpose\n1. y\n2. z\n',
    );
  });

  it('ST7/TX20: "Article 2bis", "Article 2ter", "Article 11 ter" keep their typed number in the label attribute and round-trip', () => {
    const text =
      'T\n\nArticle 1\nA\nx\n\nArticle 2\nB\ny\n\nArticle 2bis\nC\nz\n\nArticle 2ter\nD\nw\n\nArticle 3\nE\nv\n';
    const doc = parsedTreaty(text);
    const labels: unknown[] = [];
    doc.forEach((node) => {
      if (node.type.name === 'article') labels.push(node.attrs.label);
    });
    expect(labels).toEqual([null, null, '2bis', '2ter', null]);
    expect(treatyOutline(doc).map((e) => e.label)).toEqual([
      'Article 1',
      'Article 2',
      'Article 2bis',
      'Article 2ter',
      'Article 3',
    ]);
    expect(serializeTreatyText(doc)).toBe(text);
    expect(serializeTreatyText(parsedTreaty(text.replace('2ter', '2 ter')))).toBe(text);
    expect(refusalOf('T\n\nArticle 1\nA\nx\n\nArticle 2ter\nB\ny\n')).toEqual({
      line: 7,
      column: 9,
      message: 'Expected Article 1bis or Article 2, found Article 2ter.',
    });
  });

  it('TX18: subparagraphs written "a)" read as "(a)"; the old misleading message is gone', () => {
    const doc = parsedTreaty('T\n\nArticle 1\nH\n1. x\n    a) one\n    b) two\n        i) three\n');
    expect(serializeTreatyText(doc)).toBe(
      'T\n\nArticle 1\nH\nx\n    (a) one\n    (b) two\n        (i) three\n',
    );
    const refused = refusalOf('T\n\nArticle 1\nH\nfirst\nsecond\n');
    expect(refused.message).not.toContain('already has an unnumbered paragraph');
    expect(refused.message).toContain('number its paragraphs');
  });

  it("ST8/TX21: the preamble's opening and closing formulas are unnumbered, read, written and refused out of place", () => {
    const text =
      'T\n\nPreamble\nOpening: The States Parties to this Convention,\nPP1. Recalling [its] resolutions,\nClosing: Have agreed as follows:\n\nArticle 1\nH\nx\n';
    const doc = parsedTreaty(text);
    const preamble = doc.child(1);
    expect([...Array(preamble.childCount).keys()].map((i) => preamble.child(i).type.name)).toEqual([
      'preamble_opening',
      'preambular_paragraph',
      'preamble_closing',
    ]);
    expect(serializeTreatyText(doc)).toBe(text);
    expect(refusalOf('T\n\nPreamble\nPP1. a\nOpening: b\n')).toMatchObject({ line: 5, column: 1 });
    expect(refusalOf('T\n\nPreamble\nClosing: b\nPP1. a\n')).toMatchObject({ line: 5, column: 1 });
  });

  it('TX11: a refusal is one sentence without its place, with the rule in its own field', () => {
    const result = parseTreatyText('T\n\nArticle 1\nH\n1. a\n2 alt. b\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.rule).toBe('TX15');
    expect(result.error.message).not.toMatch(/TX\d|line \d|column \d/i);
  });

  it('TX10/TX17: any treaty, in any of the six languages, survives text → document → text (property)', () => {
    fc.assert(
      fc.property(treatyArb, fc.constantFrom(...TEXT_LANGUAGES), (doc, language) => {
        const text = serializeTreatyText(doc, { language });
        const result = parseTreatyText(text);
        if (!result.ok) throw new Error(`${JSON.stringify(result.error)}\n${text}`);
        expect(withoutIds(result.doc)).toEqual(withoutIds(doc));
        expect(serializeTreatyText(result.doc, { language: result.language })).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});

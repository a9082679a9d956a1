import { describe, expect, it } from 'vitest';
import { treatyOutline } from '../numbering.ts';
import { readTreaty } from '../reading/read.ts';
import { parseTreatyText } from '../treaty-text/parse.ts';
import { serializeTreatyText } from '../treaty-text/serialize.ts';
import { BERNE_FR_CANONICAL, BERNE_FR_TEXT } from './berne-fr.ts';
import { CYBERCRIME_TEXT } from './cybercrime.ts';

function imported(text: string) {
  const result = parseTreatyText(text);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
  return result;
}

describe('real conventions as test data (issue 18)', () => {
  it('ST5/TX10/NU7: the Convention on Cybercrime imports, exports back exactly and its outline shows chapters, sections, titles and articles', () => {
    const { doc, language } = imported(CYBERCRIME_TEXT);
    expect(language).toBe('en');
    expect(serializeTreatyText(doc)).toBe(CYBERCRIME_TEXT);
    const outline = treatyOutline(doc);
    const headings = CYBERCRIME_TEXT.split('\n').filter((line) =>
      /^(Chapter|Section|Title|Article) /.test(line),
    );
    expect(outline.map((entry) => entry.label)).toEqual(headings);
    const at = (label: string, heading: string) =>
      outline.find((e) => e.label === label && e.heading === heading);
    expect(at('Chapter II', 'Measures to be taken at the national level')?.depth).toBe(0);
    expect(at('Section 1', 'Substantive criminal law')?.depth).toBe(1);
    expect(at('Title 1', 'Common provisions')?.depth).toBe(2);
    expect(at('Article 2', 'Illegal access')?.depth).toBe(3);
    expect(at('Article 22', 'Jurisdiction')?.depth).toBe(2);
    expect(at('Article 48', 'Notification')?.depth).toBe(1);
    expect(outline.filter((e) => e.kind === 'article')).toHaveLength(48);
    // ST8: the preamble's formulas are not numbered paragraphs.
    const preamble = readTreaty(doc).blocks.filter(
      (b) => b.location === 'Preamble' || b.kind === 'preambular_paragraph',
    );
    expect(preamble.map((b) => b.label)).toEqual(['Preamble', '', 'PP1', 'PP2', 'PP3', '']);
    // RD1: every level is a block of the one reading, so every output shows it.
    const kinds = new Set(readTreaty(doc).blocks.map((b) => b.kind));
    for (const kind of ['chapter', 'division', 'article', 'paragraph', 'subparagraph', 'clause'])
      expect(kinds).toContain(kind);
  });

  it('ST7/TX17/TX18: the Berne Convention in French imports with "Article premier", its bis and ter articles and "a)" subparagraphs, and exports back exactly', () => {
    const { doc, language } = imported(BERNE_FR_TEXT);
    expect(language).toBe('fr');
    expect(serializeTreatyText(doc, { language })).toBe(BERNE_FR_CANONICAL);
    expect(serializeTreatyText(imported(BERNE_FR_CANONICAL).doc, { language })).toBe(BERNE_FR_CANONICAL);
    const articles = treatyOutline(doc).filter((e) => e.kind === 'article');
    expect(articles).toHaveLength(47);
    expect(articles.map((e) => e.label)).toContain('Article 2bis');
    expect(articles.map((e) => e.label)).toContain('Article 11ter');
    expect(articles.at(-1)?.label).toBe('Article 38');
    const typed: string[] = [];
    doc.forEach((node) => {
      if (node.attrs.label) typed.push(String(node.attrs.label));
    });
    expect(typed).toEqual(['2bis', '6bis', '7bis', '10bis', '11bis', '11ter', '14bis', '14ter', '29bis']);
  });
});

import {
  blockNotation,
  bracketsMap,
  createProposal,
  type DelegationId,
  type DiffSide,
  decideProposals,
  diffTreaties,
  newBracketRecord,
  notationText,
  parseTreatyText,
  pickOption,
  readBrackets,
  readProposals,
  readTreaty,
  scanBrackets,
  treatyFragment,
  treatyFromYDoc,
  treatySchema,
  treatyToYDoc,
} from '@travaux/shared';
import { type AnnotatedTreaty, annotatedTreatyArb } from '@travaux/shared/testing';
import fc from 'fast-check';
import { EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { readDocx } from '../test-support/docx-reader.ts';
import { authorName } from './authors.ts';
import { diffToDocx, readingToDocx } from './docx.ts';
import type { Masthead } from './masthead.ts';
import { symbolFileName } from './masthead.ts';

const MASTHEAD: Masthead = {
  symbol: 'A/AC.291/22/Rev.2',
  title: 'Draft convention',
  date: '2026-12-05',
  language: 'en',
  subtitle: 'Changes from A/AC.291/22/Rev.1 to A/AC.291/22/Rev.2',
};
const FALLBACK = '2026-12-05T08:00:00.000Z';
const wordDate = (iso: string) => iso.replace(/\.\d+Z$/, 'Z');
const side = ({ doc, records }: AnnotatedTreaty): DiffSide => ({
  doc,
  records: records.proposals,
  brackets: records.brackets,
});

/** The body paragraphs after the masthead (4 lines), the title, the subtitle and the summary. */
const bodyOf = (paragraphs: Awaited<ReturnType<typeof readDocx>>['paragraphs'], skip: number) =>
  paragraphs.slice(skip);

describe('Word files read back (RV14)', () => {
  it("RV11/RV14: the Word file of a comparison holds its text, brackets and tracked changes with authors and dates, the chair's decisions as the Chair's comments", async () => {
    const samples = fc.sample(fc.tuple(annotatedTreatyArb, annotatedTreatyArb), { numRuns: 12, seed: 14 });
    for (const [a, b] of samples) {
      const diff = diffTreaties(side(a), side(b));
      const word = await readDocx(await diffToDocx(diff, MASTHEAD, FALLBACK));
      const blocks = diff.blocks.filter((block) => block.kind !== 'title');
      const body = bodyOf(word.paragraphs, 7);
      expect(body).toHaveLength(blocks.length);
      blocks.forEach((block, index) => {
        const paragraph = body[index]!;
        const changes = paragraph.items.filter((item) => item.kind !== 'text');
        const parts = block.parts.filter((part) => part.type !== 'equal');
        expect(changes.map((item) => [item.kind, item.text, item.author, item.date])).toEqual(
          parts.map((part) => [
            part.type === 'insert' ? 'ins' : 'del',
            part.text,
            authorName(part.author),
            wordDate(part.at ?? FALLBACK),
          ]),
        );
        // RV11: a change the chair's decision made lies in a comment of the Chair that names the decision.
        const comments = new Map(word.comments.map((c) => [c.id, c]));
        parts.forEach((part, i) => {
          const named = (changes[i]!.comments ?? []).map((id) => comments.get(id));
          if (part.decision)
            expect(named.map((c) => [c?.author, c?.text.toLowerCase()])).toEqual([
              ['Chair', `${part.decision.toLowerCase()}.`],
            ]);
          else expect(named).toEqual([]);
        });
        const text = paragraph.items.map((item) => item.text).join('');
        expect(text).toContain(block.parts.map((part) => part.text).join(''));
      });
    }
  });

  it('RV14: the Word file of a whole text holds every word in the notation, open proposals as tracked changes', async () => {
    const samples = fc.sample(annotatedTreatyArb, { numRuns: 12, seed: 15 });
    for (const treaty of samples) {
      const reading = readTreaty(treaty.doc, treaty.records);
      const word = await readDocx(await readingToDocx(reading, { ...MASTHEAD, subtitle: null }));
      const all = word.paragraphs.map((p) => p.items.map((item) => item.text).join('')).join('\n');
      const brackets = scanBrackets(treaty.doc).total.brackets;
      expect((all.match(/\[/g) ?? []).length).toBeGreaterThanOrEqual(brackets);
      for (const block of reading.blocks)
        if (block.kind !== 'title' && block.kind !== 'preamble')
          expect(all).toContain(notationText(blockNotation(block, reading, 'inline')));
      const open = [...reading.proposals.values()].filter((p) => p.status === 'open');
      for (const item of word.paragraphs.flatMap((p) => p.items).filter((item) => item.kind !== 'text')) {
        const by = open.find((p) => wordDate(p.createdAt) === item.date);
        expect(by).toBeDefined();
      }
    }
  });

  it('RV14: a revision reads as a UN document: masthead, symbol in the header, page numbers, treaty styles', async () => {
    const parsed = parseTreatyText(
      'Draft convention\n\nPreamble\nPP1. Recalling the Charter,\n\nArticle 1\nScope\n1. This Convention applies.\n2. Each Party shall:\n    (a) cooperate.\n',
    );
    if (!parsed.ok) throw new Error(parsed.error.message);
    const word = await readDocx(await readingToDocx(readTreaty(parsed.doc), { ...MASTHEAD, subtitle: null }));
    const lines = word.paragraphs.map((p) => [p.style, p.items.map((i) => i.text).join('')]);
    expect(lines.slice(0, 5)).toEqual([
      ['Masthead', 'A/AC.291/22/Rev.2'],
      ['Masthead', 'Distr.: General'],
      ['Masthead', '5 December 2026'],
      ['Masthead', 'Original: English'],
      ['TreatyTitle', 'Draft convention'],
    ]);
    expect(lines).toContainEqual(['TreatyArticle', 'Article 1\nScope']);
    expect(lines).toContainEqual(['TreatyParagraph', '2.\tEach Party shall:']);
    expect(lines).toContainEqual(['TreatySubparagraph', '(a)\tcooperate.']);
    expect(lines).toContainEqual(['TreatyPreambular', 'PP1\tRecalling the Charter,']);
    expect(word.styles).toMatch(/w:styleId="TreatyArticle".*?<w:jc w:val="center"\/>/s);
    expect(word.styles).toMatch(/w:styleId="TreatyParagraph".*?w:hanging="567"/s);
    // Not Word's default blue "Title" and "Heading n" styles.
    expect(word.paragraphs.some((p) => /^(Title|Heading\d)$/.test(p.style ?? ''))).toBe(false);
    expect(word.headers.join('')).toContain('A/AC.291/22/Rev.2');
    expect(word.footers.join('')).toMatch(/PAGE/);
    expect(word.settings).toContain('trackRevisions');
    expect(symbolFileName('A/AC.291/22/Rev.2', 'x', 'docx')).toBe('A-AC.291-22-Rev.2.docx');
  });

  it("RV10/RV11/RV14: the story of a revision: the Chair's PP2, Russia's new paragraph, the pick of Mexico's option, open brackets", async () => {
    const { older, newer } = storyOfARevision();
    const diff = diffTreaties(older, newer);
    const word = await readDocx(await diffToDocx(diff, MASTHEAD, FALLBACK));
    const changes = word.paragraphs.flatMap((p) => p.items.filter((item) => item.kind !== 'text'));
    const by = (author: string) =>
      changes
        .filter((item) => item.author === author)
        .map((item) => `${item.kind}:${item.text}`)
        .join('|');
    expect(by('Chair')).toContain('del:Bearing in mind');
    expect(by('Chair')).toContain('ins:Recalling');
    expect(by('Chair')).toContain('del:[Option 1: |del:only to States|del:] |del:Option 2: ');
    expect(by('Russian Federation')).toBe('ins:Each Party shall cooperate.');
    expect(changes.find((item) => item.author === 'Russian Federation')!.date).toBe('2026-11-21T15:00:00Z');
    const text = word.paragraphs.map((p) => p.items.map((item) => item.text).join('')).join('\n');
    expect(text).toContain('[Parties] may [provide for] assistance');
    // The pick: every word that went from Article 1 is the chair's decision on Mexico's option, not a deletion.
    const article1 = diff.blocks.find(
      (b) => b.kind === 'paragraph' && b.location === 'Article 1, sole paragraph',
    )!;
    const removed = article1.parts.filter((p) => p.type === 'delete' && p.text.trim());
    expect(removed.length).toBeGreaterThan(0);
    for (const part of removed) expect(part.decision).toBe("the Chair's choice of Option 2 (Mexico)");
    // RV11 in Word: the pick is a comment of the Chair naming the option and its owner, dated with the decision,
    // whose range holds exactly the words the pick removed.
    expect(word.comments.map((c) => [c.author, c.text, new Date(c.date!).toISOString()])).toEqual([
      ['Chair', "The Chair's choice of Option 2 (Mexico).", '2026-11-22T10:00:00.000Z'],
    ]);
    const commented = word.paragraphs
      .flatMap((p) => p.items)
      .filter((item) => item.comments?.includes(word.comments[0]!.id));
    expect(
      commented.filter((item) => item.kind !== 'text').map((item) => `${item.kind}:${item.text}`),
    ).toEqual(
      article1.parts.filter((p) => p.decision).map((p) => `${p.type === 'insert' ? 'ins' : 'del'}:${p.text}`),
    );
    expect(commented.map((item) => item.text).join('')).toBe('[Option 1: only to States] [Option 2: ');
  });
});

/**
 * Rev.1 and Rev.2 of the story of issue 17: the chair rewrites PP2, Russia's new paragraph is accepted, the
 * chair picks Mexico's option, Article 4's brackets stay open.
 */
function storyOfARevision(): { older: DiffSide; newer: DiffSide } {
  const parsed = parseTreatyText(`Draft convention

Preamble
PP1. Recalling the Charter,
PP2. Bearing in mind the need to cooperate,

Article 1
Scope
This Convention applies [Option 1: only to States] [Option 2: to States and organizations].

Article 2
Cooperation
1. Parties shall cooperate.

Article 3
Assistance
[Parties] may [provide for] assistance.
`);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const ydoc = treatyToYDoc(parsed.doc);
  const [first, second] = scanBrackets(parsed.doc).spans.filter((s) => s.option !== null);
  const person = (delegation: string | null) => ({
    delegation: delegation as DelegationId | null,
    personId: 'p',
    personName: 'P',
  });
  bracketsMap(ydoc).set(first!.id, newBracketRecord(person('RUS'), { id: first!.id }));
  bracketsMap(ydoc).set(second!.id, newBracketRecord(person('MEX'), { id: second!.id, group: first!.id }));
  const snapshot = (doc: Y.Doc): DiffSide => ({
    doc: treatyFromYDoc(doc),
    records: readProposals(doc),
    brackets: readBrackets(doc),
  });
  const older = snapshot(ydoc);
  // The chair's direct edit of PP2.
  const pp2 = treatyFragment(ydoc)
    .createTreeWalker(
      (node) =>
        'nodeName' in node &&
        node.nodeName === 'preambular_paragraph' &&
        node.toString().includes('Bearing in mind'),
    )
    .next().value as Y.XmlElement;
  const text = pp2.get(0) as Y.XmlText;
  text.delete(0, 'Bearing in mind'.length);
  text.insert(0, 'Recalling');
  // Russia's new paragraph, accepted.
  const proposal = createProposal(ydoc, person('RUS'), '', 'p00000000rus', new Date('2026-11-20T09:00:00Z'));
  const doc = treatyFromYDoc(ydoc);
  let at = -1;
  doc.descendants((node, pos) => {
    if (node.type.name === 'paragraph' && node.textContent === 'Parties shall cooperate.')
      at = pos + node.nodeSize;
    return at < 0;
  });
  const paragraph = treatySchema.nodes.paragraph.create({ id: 'newpara0006', inserted: proposal.id }, [
    treatySchema.nodes.body.create(null, treatySchema.text('Each Party shall cooperate.')),
  ]);
  treatyToYDoc(EditorState.create({ schema: treatySchema, doc }).tr.insert(at, paragraph).doc, ydoc);
  decideProposals(
    ydoc,
    [proposal.id],
    'accept',
    { personId: 'c', name: 'Chair' },
    null,
    new Date('2026-11-21T15:00:00Z'),
  );
  pickOption(ydoc, second!.id, { personId: 'c', name: 'Chair' }, null, new Date('2026-11-22T10:00:00Z'));
  return { older, newer: snapshot(ydoc) };
}

import fc from 'fast-check';
import type { Node } from 'prosemirror-model';
import { LATIN_SUFFIXES } from './numbering.ts';
import { STRUCTURE_LEVELS, type StructureLevel, treatySchema } from './schema.ts';
import { parseTreatyText } from './treaty-text/parse.ts';

const { nodes } = treatySchema;
const t = (s: string) => (s ? treatySchema.text(s) : null);

/** Builders for treaty documents in tests. Ids are given explicitly so tests can find blocks. */
export const build = {
  doc: (title: string, preamble: Node[], ...rest: Node[]) =>
    nodes.doc.create(null, [
      nodes.title.create(null, t(title)),
      nodes.preamble.create(null, preamble),
      ...rest,
    ]),
  pp: (id: string | null, text: string) => nodes.preambular_paragraph.create({ id }, t(text)),
  /** ST8: the preamble's opening or closing formula. */
  formula: (which: 'opening' | 'closing', text: string) =>
    (which === 'opening' ? nodes.preamble_opening : nodes.preamble_closing).create(null, t(text)),
  chapter: (id: string | null, heading: string, ...articles: Node[]) =>
    nodes.chapter.create({ id }, [nodes.chapter_heading.create(null, t(heading)), ...articles]),
  /** A chapter (level `chapter`) or a division of another level (ST5). */
  division: (level: StructureLevel, heading: string, ...children: Node[]) =>
    level === 'chapter'
      ? nodes.chapter.create(null, [nodes.chapter_heading.create(null, t(heading)), ...children])
      : nodes.division.create({ level }, [nodes.division_heading.create(null, t(heading)), ...children]),
  article: (id: string | null, heading: string, ...paragraphs: Node[]) =>
    nodes.article.create({ id }, [nodes.article_heading.create(null, t(heading)), ...paragraphs]),
  paragraph: (id: string | null, text: string, ...subs: Node[]) =>
    nodes.paragraph.create({ id }, [nodes.body.create(null, t(text)), ...subs]),
  sub: (id: string | null, text: string, ...clauses: Node[]) =>
    nodes.subparagraph.create({ id }, [nodes.body.create(null, t(text)), ...clauses]),
  clause: (id: string | null, text: string) => nodes.clause.create({ id }, nodes.body.create(null, t(text))),
};

/** `node` with some attributes changed (brackets, status...), content and marks kept. */
export function withAttrs(node: Node, attrs: Record<string, unknown>): Node {
  return node.type.create({ ...node.attrs, ...attrs }, node.content, node.marks);
}

/** `doc` as JSON with every id attribute removed, to compare structure and text. */
export function withoutIds(doc: Node): unknown {
  return JSON.parse(JSON.stringify(doc.toJSON(), (key, value) => (key === 'attrs' ? undefined : value)));
}

/** A line of treaty text: words of letters and punctuation, single spaces, no leading or trailing space. */
export const lineArb = fc
  .array(fc.stringMatching(/^[A-Za-z][a-z,;:"'()-]{0,9}$/), { minLength: 1, maxLength: 8 })
  .map((words) => words.join(' '));

const textArb = fc.oneof({ weight: 5, arbitrary: lineArb }, { weight: 1, arbitrary: fc.constant('') });

const clauseArb = textArb.map((s) => build.clause(null, s));
const subArb = fc
  .tuple(textArb, fc.array(clauseArb, { maxLength: 3 }))
  .map(([s, clauses]) => build.sub(null, s, ...clauses));
const paragraphArb = fc
  .tuple(textArb, fc.array(subArb, { maxLength: 10 }))
  .map(([s, subs]) => build.paragraph(null, s, ...subs));
const articleArb = fc
  .tuple(textArb, fc.array(paragraphArb, { maxLength: 4 }))
  .map(([h, ps]) => build.article(null, h, ...ps));

/** ST7: an article whose heading is its `bis` flag's candidate for a typed "Nbis" label. */
type ArticleSeed = [string, Node[], boolean];
const articleSeedArb: fc.Arbitrary<ArticleSeed> = fc.tuple(
  textArb,
  fc.array(paragraphArb, { maxLength: 2 }),
  fc.boolean(),
);
type OuterSeed = [string, ArticleSeed[], StructureLevel, [string, ArticleSeed[]][]];
/**
 * ST5: divisions as the text nests them: top-level divisions of one level, each with articles and then
 * divisions of lower levels; some articles carry a typed "Nbis" / "Nter" label (ST7).
 */
const structureArb = fc
  .tuple(
    fc.constantFrom<StructureLevel>('part', 'chapter', 'section'),
    fc.array(
      fc.tuple(
        textArb,
        fc.array(articleSeedArb, { maxLength: 2 }),
        // The divisions inside one are of one level: a lower one would nest in the one before it.
        fc.constantFrom<StructureLevel>('chapter', 'section', 'subsection', 'title'),
        fc.array(fc.tuple(textArb, fc.array(articleSeedArb, { maxLength: 2 })), { maxLength: 2 }),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([level, outer]) => {
    let count = 0;
    let suffix = -1;
    const article = ([heading, paragraphs, bis]: ArticleSeed) => {
      const typed = bis && count > 0 && suffix < LATIN_SUFFIXES.length - 1;
      if (typed) suffix += 1;
      else {
        count += 1;
        suffix = -1;
      }
      return nodes.article.create({ label: typed ? `${count}${LATIN_SUFFIXES[suffix]}` : null }, [
        nodes.article_heading.create(null, t(heading)),
        ...paragraphs,
      ]);
    };
    const rank = (l: StructureLevel) => STRUCTURE_LEVELS.indexOf(l);
    return outer.map(([heading, articles, innerLevel, inner]: OuterSeed) =>
      build.division(
        level,
        heading,
        ...articles.map(article),
        ...inner.map(([innerHeading, innerArticles]) =>
          build.division(
            rank(innerLevel) > rank(level) ? innerLevel : 'title',
            innerHeading,
            ...innerArticles.map(article),
          ),
        ),
      ),
    );
  });

/**
 * Random well-formed treaties: optional preamble, then loose articles, chapters of articles, or divisions of
 * every level nested as a text nests them with typed "bis" articles (ST5, ST7).
 */
export const treatyArb = fc
  .tuple(
    lineArb,
    fc
      .tuple(
        fc.option(textArb, { freq: 3 }),
        fc.array(
          textArb.map((s) => build.pp(null, s)),
          { maxLength: 4 },
        ),
        fc.option(textArb, { freq: 3 }),
      )
      .map(([opening, pps, closing]) => [
        ...(opening === null ? [] : [build.formula('opening', opening)]),
        ...pps,
        ...(closing === null ? [] : [build.formula('closing', closing)]),
      ]),
    fc.oneof(
      fc.array(articleArb, { maxLength: 5 }),
      fc
        .array(fc.tuple(textArb, fc.array(articleArb, { maxLength: 3 })), { minLength: 1, maxLength: 3 })
        .map((chs) => chs.map(([h, as]) => build.chapter(null, h, ...as))),
      structureArb,
    ),
  )
  .map(([title, preamble, rest]) => build.doc(title, preamble, ...rest));

/** The document of a text the test expects to parse; throws with the refusal otherwise. */
export function parsedTreaty(text: string): Node {
  const result = parseTreatyText(text);
  if (!result.ok) throw new Error(`unexpected refusal: ${JSON.stringify(result.error)}`);
  return result.doc;
}

/** The refusal of a text the test expects to be refused (TX11), its rule aside; throws when it parses. */
export function refusalOf(text: string) {
  const result = parseTreatyText(text);
  if (result.ok) throw new Error('expected a refusal');
  const { rule: _rule, ...place } = result.error;
  return place;
}

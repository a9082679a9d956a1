import fc from 'fast-check';
import type { Node } from 'prosemirror-model';
import { treatySchema } from './schema.ts';
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
  chapter: (id: string | null, heading: string, ...articles: Node[]) =>
    nodes.chapter.create({ id }, [nodes.chapter_heading.create(null, t(heading)), ...articles]),
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

/** Random well-formed treaties: optional preamble, then either loose articles or chapters of articles. */
export const treatyArb = fc
  .tuple(
    lineArb,
    fc.array(
      textArb.map((s) => build.pp(null, s)),
      { maxLength: 4 },
    ),
    fc.oneof(
      fc.array(articleArb, { maxLength: 5 }),
      fc
        .array(fc.tuple(textArb, fc.array(articleArb, { maxLength: 3 })), { minLength: 1, maxLength: 3 })
        .map((chs) => chs.map(([h, as]) => build.chapter(null, h, ...as))),
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

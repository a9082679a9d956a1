import fc from 'fast-check';
import type { Node } from 'prosemirror-model';
import { treatySchema } from '../schema.ts';
import { type ParagraphStatus, statusAttr } from '../status/model.ts';
import { build, withAttrs } from '../test-support.ts';

/**
 * Test support for the bracket notation (TX12–TX16): random bracketed treaties (nested brackets, options,
 * block brackets, alternatives, statuses) and a comparison of documents with node and bracket ids aside.
 */

/** A piece of block text: words, a bracket around pieces, or a group of options separated by text. */
export type Piece =
  | string
  | { readonly bracket: Piece[] }
  | { readonly options: Piece[][]; readonly between: string };

let counter = 0;
/** A bracket id unique within a test run, of the format the shape check takes (`isBracketId`, SH4). */
export const nextId = () => `b${(counter++).toString(36).padStart(11, '0')}`;

const word = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z][a-z,;:"'()-]{0,7}$/) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('a[b', 'c]', '{x}', '\\', 'back\\slash', 'Option', '2:', 'Option 1:'),
  },
);
const words = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));

const pieceArb: fc.Memo<Piece> = fc.memo((depth) =>
  depth <= 1
    ? words
    : fc.oneof(
        { weight: 4, arbitrary: words },
        {
          weight: 2,
          arbitrary: fc
            .array(pieceArb(depth - 1), { minLength: 1, maxLength: 3 })
            .map((bracket) => ({ bracket })),
        },
        {
          weight: 1,
          arbitrary: fc
            .tuple(
              fc.array(fc.array(pieceArb(depth - 1), { minLength: 1, maxLength: 2 }), {
                minLength: 2,
                maxLength: 3,
              }),
              fc.constantFrom(' ', ' or ', ''),
            )
            .map(([options, between]) => ({ options, between })),
        },
      ),
);

/** Random block text with brackets; '' now and then. */
export const bracketedTextArb = fc.oneof(
  { weight: 8, arbitrary: fc.array(pieceArb(4), { minLength: 1, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constant([] as Piece[]) },
);

const { marks } = treatySchema;

/** The text nodes of pieces: brackets outermost first, option 1's id as the group of the others (TX13). */
export function inlineNodes(pieces: Piece[]): Node[] {
  const out: Node[] = [];
  const walk = (list: Piece[], around: { id: string; group: string | null }[]) => {
    list.forEach((piece, i) => {
      if (i > 0)
        out.push(
          treatySchema.text(
            ' ',
            around.map((b) => marks.bracket.create(b)),
          ),
        );
      if (typeof piece === 'string')
        out.push(
          treatySchema.text(
            piece,
            around.map((b) => marks.bracket.create(b)),
          ),
        );
      else if ('bracket' in piece) walk(piece.bracket, [...around, { id: nextId(), group: null }]);
      else {
        const first = nextId();
        piece.options.forEach((option, n) => {
          if (n > 0 && piece.between) {
            out.push(
              treatySchema.text(
                piece.between,
                around.map((b) => marks.bracket.create(b)),
              ),
            );
          }
          walk(option, [...around, { id: n === 0 ? first : nextId(), group: n === 0 ? null : first }]);
        });
      }
    });
  };
  walk(pieces, []);
  return out;
}

const statusArb = fc.record({
  status: fc.constantFrom<ParagraphStatus>('open', 'open', 'informals', 'adref', 'adopted'),
  pending: fc.subarray(['USA', 'CHN', 'MEX']),
  package: fc.constantFrom(null, null, 'P1', 'Final package'),
});
const statusAttrs = (s: { status: ParagraphStatus; pending: string[]; package: string | null }) => ({
  status: statusAttr(s.status),
  pending: s.status === 'informals' && s.pending.length > 0 ? s.pending.join(' ') : null,
  package: s.package,
});

const withText = (node: Node, pieces: Piece[]): Node => {
  const textblock = node.type.name === 'preambular_paragraph' ? node : node.firstChild!;
  const filled = textblock.type.create(textblock.attrs, inlineNodes(pieces));
  return node.type.name === 'preambular_paragraph'
    ? node.type.create(node.attrs, filled.content)
    : node.copy(node.content.replaceChild(0, filled));
};
const bracketed = (node: Node, on: boolean) => (on ? withAttrs(node, { bracket: nextId() }) : node);

const clauseArb = fc
  .tuple(bracketedTextArb, fc.boolean())
  .map(([text, b]) => bracketed(withText(build.clause(null, ''), text), b));
const subArb = fc
  .tuple(bracketedTextArb, fc.array(clauseArb, { maxLength: 2 }), fc.boolean())
  .map(([text, clauses, b]) => bracketed(withText(build.sub(null, '', ...clauses), text), b));
const paragraphArb = fc
  .tuple(bracketedTextArb, fc.array(subArb, { maxLength: 3 }), fc.boolean(), statusArb)
  .map(([text, subs, b, status]) =>
    withAttrs(bracketed(withText(build.paragraph(null, '', ...subs), text), b), statusAttrs(status)),
  );
const ppArb = fc
  .tuple(bracketedTextArb, fc.boolean(), statusArb)
  .map(([text, b, status]) =>
    withAttrs(bracketed(withText(build.pp(null, ''), text), b), statusAttrs(status)),
  );

/** A block and 0–2 alternatives to it (BR5): all bracketed, the alternatives naming the first's bracket. */
const withAlternatives = (arb: fc.Arbitrary<Node>) =>
  fc.tuple(arb, fc.array(arb, { maxLength: 2 })).map(([first, alts]) => {
    if (alts.length === 0) return [first];
    const key = (first.attrs.bracket as string | null) ?? nextId();
    return [
      withAttrs(first, { bracket: key }),
      ...alts.map((alt) => withAttrs(alt, { bracket: nextId(), bracketGroup: key })),
    ];
  });

const articleArb = fc
  .tuple(bracketedTextArb, fc.array(withAlternatives(paragraphArb), { maxLength: 3 }), fc.boolean())
  .map(([heading, groups, b]) => {
    const article = build.article(null, '', ...groups.flat());
    const named = article.copy(
      article.content.replaceChild(0, article.child(0).type.create(null, inlineNodes(heading))),
    );
    return bracketed(named, b);
  });

/** Random bracketed treaties: nested brackets, options, block brackets, alternatives and statuses. */
export const bracketedTreatyArb = fc
  .tuple(
    fc.array(withAlternatives(ppArb), { maxLength: 3 }),
    fc.oneof(
      fc.array(articleArb, { maxLength: 3 }),
      fc
        .array(fc.array(articleArb, { maxLength: 2 }), { minLength: 1, maxLength: 2 })
        .map((chs) => chs.map((articles) => build.chapter(null, 'Heading', ...articles))),
    ),
  )
  .map(([pps, rest]) => build.doc('Draft', pps.flat(), ...rest));

/**
 * `doc` as JSON with node ids removed and bracket ids renamed in order of appearance, so that two documents
 * compare equal when they have the same text, structure, brackets, groups and statuses.
 */
export function withoutBracketIds(doc: Node): unknown {
  const names = new Map<string, string>();
  const rename = (value: unknown) => {
    if (typeof value !== 'string') return value;
    if (!names.has(value)) names.set(value, `B${names.size}`);
    return names.get(value);
  };
  const walk = (json: Record<string, unknown>) => {
    const attrs = json.attrs as Record<string, unknown> | undefined;
    if (attrs) {
      delete attrs.id;
      if ('bracket' in attrs) attrs.bracket = rename(attrs.bracket);
      if ('bracketGroup' in attrs) attrs.bracketGroup = rename(attrs.bracketGroup);
    }
    for (const mark of (json.marks as { attrs: Record<string, unknown> }[] | undefined) ?? []) {
      mark.attrs.id = rename(mark.attrs.id);
      mark.attrs.group = rename(mark.attrs.group);
    }
    for (const child of (json.content as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  const json = JSON.parse(JSON.stringify(doc.toJSON())) as Record<string, unknown>;
  walk(json);
  return json;
}

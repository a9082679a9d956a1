import type { Node } from 'prosemirror-model';
import { newBracketId } from '../brackets/model.ts';
import { Label, toLetters, toRoman } from '../numbering.ts';
import { treatySchema } from '../schema.ts';
import {
  type BlockBrackets,
  type Draft,
  draft,
  draftGroupKey,
  nodeAttrs,
  type Refuse,
  readContent,
} from './drafts.ts';
import { Line } from './grammar.ts';

/**
 * The lines inside the preamble and inside an article (TX3, TX5–TX8), with their block brackets (TX14),
 * alternatives (TX15) and status markers (TX16). The inline notation after each marker is `inline.ts`'s.
 */

/** An article being read: its heading is its content, its paragraphs its children. */
export interface ArticleDraft extends Draft {
  /** True when the article's first paragraph came without a number (TX7). */
  bare: boolean;
  /** The article number as typed when it has a suffix ("2bis", ST7). */
  label: string | null;
}

/** What every line reader needs: where it is, how to refuse, and the open block brackets. */
export interface LineContext {
  readonly line: number;
  readonly refuse: Refuse;
  readonly brackets: BlockBrackets;
}

/** A line's block bracket (TX14): a `[` before a marker that one of `markers` recognises. */
function blockBracket(content: string, indent: number, line: number, markers: readonly RegExp[]) {
  const open = content.startsWith('[') && markers.some((marker) => marker.test(content.slice(1)));
  return {
    shape: open ? content.slice(1) : content,
    shift: indent + (open ? 1 : 0),
    opened: open ? { line, column: indent + 1 } : null,
    bracket: open ? newBracketId() : null,
  };
}

/**
 * TX15: the k-th alternative, numbered `n`, of the block before it; that block must be bracketed, be `base`
 * and be followed by alternatives 1 .. k-1 only. Returns the group the alternative joins.
 */
function alternativeTo(
  previous: Draft | undefined,
  found: { n: number; k: number; base: number; label: (n: number) => string },
  ctx: LineContext,
  column: number,
): string {
  if (!previous?.opened) {
    ctx.refuse(
      ctx.line,
      column,
      'An alternative follows the bracketed paragraph it is an alternative to (TX15).',
    );
  }
  const k = previous!.alternative + 1;
  if (found.n !== found.base || found.k !== k) {
    const expected = Label.alternative(found.label(found.base), k);
    ctx.refuse(
      ctx.line,
      column,
      `Expected ${expected}, found ${Label.alternative(found.label(found.n), found.k)}.`,
    );
  }
  return draftGroupKey(previous!)!;
}

const altNumber = (match: RegExpExecArray) => (match[2] === undefined ? 1 : Number(match[2]));

/** Reads a line of the preamble: a preambular paragraph, "PPn." optional, or an alternative (TX3, TX15). */
export function readPreambularLine(
  preamble: Draft[],
  content: string,
  indent: number,
  ctx: LineContext,
): void {
  const { shape, shift, opened, bracket } = blockBracket(content, indent, ctx.line, [
    Line.preambular,
    Line.preambularAlt,
  ]);
  const numbered = preamble.filter((pp) => pp.alternative === 0).length;
  const alt = Line.preambularAlt.exec(shape);
  let block: Draft;
  let marker = 0;
  if (alt) {
    if (!opened)
      ctx.refuse(ctx.line, shift + 1, 'An alternative is bracketed: write [PPn alt. text] (TX15).');
    const k = altNumber(alt);
    const found = { n: Number(alt[1]), k, base: numbered, label: Label.preambular };
    const group = alternativeTo(preamble.at(-1), found, ctx, shift + 3);
    block = draft('preambular', Label.alternative(Label.preambular(numbered), k), {
      opened,
      bracket,
      group,
      alternative: k,
    });
    marker = alt[0].length;
  } else {
    const match = Line.preambular.exec(shape);
    if (match && Number(match[1]) !== numbered + 1) {
      ctx.refuse(ctx.line, shift + 3, `Expected PP${numbered + 1}, found PP${match[1]}.`);
    }
    block = draft('preambular', Label.preambular(numbered + 1), { opened, bracket });
    marker = match ? match[0].length : 0;
  }
  ctx.brackets.enter(block, []);
  preamble.push(block);
  readContent(
    block,
    shape.slice(marker),
    { line: ctx.line, offset: shift + marker, status: true },
    ctx.brackets,
    ctx.refuse,
  );
}

const BARE_AGAIN =
  'This line would be a second unnumbered paragraph of the article: number its paragraphs "1.", "2." ..., or write subparagraphs as "(a)" or "a)".';

/** Reads one line inside an article: a paragraph, an alternative, a subparagraph or a clause (TX5–TX8). */
export function readArticleLine(
  article: ArticleDraft,
  content: string,
  indent: number,
  ctx: LineContext,
): void {
  const { line, refuse, brackets } = ctx;
  const { shape, shift, opened, bracket } = blockBracket(content, indent, line, [
    Line.paragraph,
    Line.paragraphAlt,
    Line.lettered,
  ]);
  const column = shift + 1;
  const paragraphs = article.children;
  const numbered = paragraphs.filter((p) => p.alternative === 0).length;
  const read = (block: Draft, marker: number, status: boolean) =>
    readContent(block, shape.slice(marker), { line, offset: shift + marker, status }, brackets, refuse);

  const alt = Line.paragraphAlt.exec(shape);
  if (alt) {
    if (!opened) refuse(line, column, 'An alternative is bracketed: write [N alt. text] (TX15).');
    const k = altNumber(alt);
    const found = { n: Number(alt[1]), k, base: numbered, label: String };
    const group = alternativeTo(paragraphs.at(-1), found, ctx, column);
    const name = `paragraph ${Label.alternative(String(numbered), k)}`;
    const block = draft('paragraph', name, { opened, bracket, group, alternative: k });
    brackets.enter(block, [article]);
    paragraphs.push(block);
    read(block, alt[0].length, true);
    return;
  }

  const paragraph = Line.paragraph.exec(shape);
  if (paragraph) {
    if (article.bare) refuse(line, column, BARE_AGAIN);
    if (Number(paragraph[1]) !== numbered + 1) {
      refuse(line, column, `Expected paragraph ${numbered + 1}., found ${paragraph[1]}.`);
    }
    const block = draft('paragraph', `paragraph ${numbered + 1}`, { opened, bracket });
    brackets.enter(block, [article]);
    paragraphs.push(block);
    read(block, paragraph[0].length, true);
    return;
  }

  const lettered = Line.lettered.exec(shape);
  if (lettered) {
    const marker = lettered[1]!;
    const current = paragraphs.at(-1);
    if (!current) refuse(line, column, `(${marker}) must follow a paragraph.`);
    const sub = current!.children.at(-1);
    const nextLetter = toLetters(current!.children.length + 1);
    const nextClause = sub ? toRoman(sub.children.length + 1) : null;
    const isClause = marker === nextClause && (marker !== nextLetter || indent > sub!.indent);
    if (!isClause && marker !== nextLetter) {
      const expected = nextClause ? `(${nextLetter}) or (${nextClause})` : `(${nextLetter})`;
      refuse(line, column + 1, `Expected ${expected}, found (${marker}).`);
    }
    const kind = isClause ? 'clause' : 'subparagraph';
    const block = draft(kind, `${kind} (${marker})`, { opened, bracket, indent });
    brackets.enter(block, isClause ? [article, current!, sub!] : [article, current!]);
    (isClause ? sub! : current!).children.push(block);
    read(block, lettered[0].length, false);
    return;
  }

  if (paragraphs.length > 0) {
    refuse(
      line,
      column,
      article.bare
        ? BARE_AGAIN
        : `Expected paragraph ${numbered + 1}. or a subparagraph; each paragraph is one line.`,
    );
  }
  article.bare = true;
  const block = draft('paragraph', 'the paragraph', {});
  brackets.enter(block, [article]);
  paragraphs.push(block);
  read(block, 0, true);
}

const { nodes } = treatySchema;
const body = (d: Draft) => nodes.body.create(null, d.content);

/** The article node of a draft, with fresh ids on every block. */
export function buildArticle(a: Draft): Node {
  return nodes.article.create({ ...nodeAttrs(a), label: (a as Partial<ArticleDraft>).label ?? null }, [
    nodes.article_heading.create(null, a.content),
    ...a.children.map((p) =>
      nodes.paragraph.create(nodeAttrs(p), [
        body(p),
        ...p.children.map((s) =>
          nodes.subparagraph.create(nodeAttrs(s), [
            body(s),
            ...s.children.map((c) => nodes.clause.create(nodeAttrs(c), body(c))),
          ]),
        ),
      ]),
    ),
  ]);
}

/** The preambular paragraph node of a draft. */
export function buildPreambular(pp: Draft): Node {
  return nodes.preambular_paragraph.create(nodeAttrs(pp), pp.content);
}

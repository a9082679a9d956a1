import type { Node } from 'prosemirror-model';
import { newBracketId } from '../brackets/model.ts';
import { newNodeId } from '../ids.ts';
import { divisionLabel, LATIN_SUFFIXES, Label } from '../numbering.ts';
import { type DivisionLevel, STRUCTURE_LEVELS, type StructureLevel, treatySchema } from '../schema.ts';
import {
  type ArticleDraft,
  buildArticle,
  buildPreambular,
  type LineContext,
  readArticleLine,
  readPreambularLine,
} from './block-lines.ts';
import { BlockBrackets, type Draft, draft, readContent } from './drafts.ts';
import { Line } from './grammar.ts';
import { narrowLanguages, preambleLanguage, readHeadingLine, type TextLanguage } from './headings.ts';

/**
 * Where and why a plain-text treaty was refused; `line` and `column` are 1-based, `message` one sentence a
 * person understands without the place or a rule id, `rule` the SPEC rule it breaks (TX11).
 */
export interface TreatyTextError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly rule: string;
}

/** TX11: a message's trailing rule id ("... (TX15).") goes to its own field. */
function withRule(line: number, column: number, message: string): TreatyTextError {
  const cited = / \((TX\d+)\)(\.?)$/.exec(message);
  if (!cited) return { line, column, message, rule: 'TX11' };
  return { line, column, message: `${message.slice(0, cited.index)}.`, rule: cited[1]! };
}

/** The outcome of parsing: the document, or the first error found (nothing is partially imported). */
export type TreatyTextResult =
  | { ok: true; doc: Node; language: TextLanguage }
  | { ok: false; error: TreatyTextError };

class Refusal {
  constructor(readonly error: TreatyTextError) {}
}

const { nodes } = treatySchema;
const text = (value: string) => (value ? treatySchema.text(value) : null);

/** A chapter or division being read (ST5): its level, heading and what the text nests in it. */
interface ContainerDraft {
  readonly level: StructureLevel;
  readonly heading: Draft;
  readonly children: (ContainerDraft | ArticleDraft)[];
}
const isContainer = (d: ContainerDraft | ArticleDraft): d is ContainerDraft => 'level' in d && 'heading' in d;
const rank = (level: StructureLevel) => STRUCTURE_LEVELS.indexOf(level);

/**
 * Parses the plain-text treaty format (TX1–TX20) into a treaty with fresh node and bracket ids. Never throws:
 * any input that is not a well-formed treaty yields the line and column of the first problem and no document.
 */
export function parseTreatyText(input: string): TreatyTextResult {
  try {
    return { ok: true, ...parse(input) };
  } catch (caught) {
    if (caught instanceof Refusal) return { ok: false, error: caught.error };
    throw caught;
  }
}

/** TX20: what follows "bis" is "ter", then "quater" ... */
const nextSuffix = (previous: string | null) =>
  LATIN_SUFFIXES[previous ? LATIN_SUFFIXES.indexOf(previous as never) + 1 : 0];

function parse(input: string): { doc: Node; language: TextLanguage } {
  const lines = input.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const refuse = (line: number, column: number, message: string): never => {
    throw new Refusal(withRule(line + 1, column, message));
  };
  const brackets = new BlockBrackets(refuse);
  const context = (line: number): LineContext => ({ line, refuse, brackets });
  /** A heading's text: inline notation, and the closing bracket of an article without paragraphs (TX14). */
  const readHeadingText = (into: Draft, raw: string, line: number, offset = 0) => {
    const shift = offset + raw.length - raw.trimStart().length;
    readContent(into, raw.trim(), { line, offset: shift, status: false }, brackets, refuse);
  };

  const title = (lines[0] ?? '').trim();
  if (!title) refuse(0, 1, 'The first line must be the title of the treaty.');
  if (readHeadingLine(title) || preambleLanguage(title)) {
    refuse(0, 1, `The first line must be the title of the treaty, not "${title}".`);
  }

  let languages: readonly TextLanguage[] | null = null;
  const preamble: Draft[] = [];
  const top: (ContainerDraft | ArticleDraft)[] = [];
  const open: ContainerDraft[] = [];
  let firstLooseArticleLine = -1;
  let inPreamble = false;
  let opening: Draft | null = null;
  let closing: Draft | null = null;
  let seenPreamble = false;
  let article: ArticleDraft | null = null;
  let articleCount = 0;
  let lastSuffix: string | null = null;
  let chapters = 0;
  let parts = 0;

  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const trimmed = raw.trim();
    // TX8: white space around a line is not text (trailing spaces would be invisible text).
    const content = raw.trim();
    if (trimmed === '') continue;
    const indent = raw.length - raw.trimStart().length;
    const column = indent + 1;

    const preambleIn = preambleLanguage(trimmed);
    if (preambleIn) {
      if (seenPreamble) refuse(i, column, 'The preamble appears twice.');
      if (article || top.length > 0)
        refuse(i, column, 'The preamble must come before the first chapter or article.');
      languages = narrowLanguages(languages, [preambleIn]);
      seenPreamble = true;
      inPreamble = true;
      continue;
    }

    // TX14: "[Article 5" brackets the whole article.
    const bracketed = trimmed.startsWith('[') && readHeadingLine(trimmed.slice(1))?.kind === 'article';
    const heading = readHeadingLine(bracketed ? trimmed.slice(1) : trimmed);
    // A heading's text is on the next line, or after the number on the same line (TX19).
    const headingText = (into: Draft, what: string) => {
      if (heading!.heading !== null) readHeadingText(into, heading!.heading, i, indent + heading!.headingAt);
      else {
        if (i + 1 >= lines.length) refuse(i, column, `${what} needs a heading on the next line.`);
        readHeadingText(into, lines[i + 1] ?? '', i + 1);
        i += 1;
      }
    };

    if (heading && heading.kind !== 'article') {
      const level = heading.kind;
      languages = narrowLanguages(languages, heading.languages);
      while (open.length > 0 && rank(open.at(-1)!.level) >= rank(level)) open.pop();
      const parent = open.at(-1);
      if (!parent && firstLooseArticleLine >= 0) {
        refuse(
          firstLooseArticleLine,
          1,
          'This article stands outside any chapter or part, but the text has them: put every article in one.',
        );
      }
      brackets.enter(null, []);
      const siblings = parent ? parent.children : top;
      const n =
        level === 'chapter'
          ? ++chapters
          : level === 'part'
            ? ++parts
            : siblings.filter((c) => isContainer(c) && c.level === level).length + 1;
      const expected = level === 'chapter' ? Label.chapter(n) : divisionLabel(level as DivisionLevel, n);
      if (heading.number !== n) {
        const shape = bracketed ? trimmed.slice(1) : trimmed;
        const found = shape.slice(0, heading.numberAt + heading.written.length);
        refuse(i, column + heading.numberAt, `Expected ${expected}, found ${found}.`);
      }
      const into = draft('chapter', expected, {});
      headingText(into, expected);
      const container: ContainerDraft = { level, heading: into, children: [] };
      siblings.push(container);
      open.push(container);
      inPreamble = false;
      article = null;
      continue;
    }

    if (heading) {
      languages = narrowLanguages(languages, heading.languages);
      const at = column + (bracketed ? 1 : 0);
      const opened = bracketed ? { line: i, column } : null;
      const suffixed = heading.suffix !== null;
      const n = heading.number ?? -1;
      const label = suffixed ? `${n}${heading.suffix}` : null;
      const next: ArticleDraft = Object.assign(
        draft('article', `Article ${label ?? n}`, { opened, bracket: bracketed ? newBracketId() : null }),
        { bare: false, label },
      );
      brackets.enter(next, []);
      const found = trimmed
        .slice(
          bracketed ? 1 : 0,
          (bracketed ? 1 : 0) +
            heading.numberAt +
            heading.written.length +
            (heading.suffix ? trimmed.length : 0),
        )
        .trim();
      if (suffixed) {
        // ST7, TX20: "Article 2bis" follows Article 2 (or 2bis follows 2, 2ter follows 2bis ...).
        const suffix = nextSuffix(lastSuffix);
        if (n !== articleCount || heading.suffix !== suffix) {
          const expected =
            articleCount > 0 && suffix
              ? `Article ${articleCount}${suffix} or Article ${articleCount + 1}`
              : `Article ${articleCount + 1}`;
          refuse(i, at + heading.numberAt, `Expected ${expected}, found Article ${n}${heading.suffix}.`);
        }
        lastSuffix = heading.suffix;
      } else {
        if (n !== articleCount + 1) {
          refuse(
            i,
            at + heading.numberAt,
            `Expected Article ${articleCount + 1}, found ${found.replace(/[ \t]+/, ' ')}.`,
          );
        }
        articleCount += 1;
        lastSuffix = null;
      }
      article = next;
      const headingLine = i;
      headingText(article, `Article ${label ?? n}`);
      const container = open.at(-1);
      if (container) container.children.push(article);
      else {
        if (firstLooseArticleLine < 0) firstLooseArticleLine = headingLine;
        if (top.some(isContainer)) {
          refuse(
            headingLine,
            column,
            'This article stands outside any chapter or part, but the text has them: put every article in one.',
          );
        }
        top.push(article);
      }
      inPreamble = false;
      continue;
    }

    if (inPreamble) {
      // TX21: "Opening: ..." before the preambular paragraphs, "Closing: ..." after them (ST8).
      const formula = Line.opening.test(content) ? 'opening' : Line.closing.test(content) ? 'closing' : null;
      if (closing)
        refuse(
          i,
          column,
          'The closing formula ends the preamble: nothing but an article or a heading may follow it.',
        );
      if (formula === 'opening' && (opening || preamble.length > 0))
        refuse(i, column, 'The opening formula comes first in the preamble, once.');
      if (formula) {
        const into = draft('preambular', `the ${formula} formula`, {});
        brackets.enter(null, []);
        readContent(
          into,
          content.slice('Opening:'.length).replace(/^[ \t]/, ''),
          { line: i, offset: indent + 8 + (/^[ \t]/.test(content.slice(8)) ? 1 : 0), status: false },
          brackets,
          refuse,
        );
        if (formula === 'opening') opening = into;
        else closing = into;
        continue;
      }
      readPreambularLine(preamble, content, indent, context(i));
      continue;
    }

    if (!article) {
      const what = top.length > 0 ? `Article ${articleCount + 1}` : `"Preamble", "Chapter I" or "Article 1"`;
      refuse(i, column, `Expected ${what}, found text outside any article.`);
    }
    readArticleLine(article!, content, indent, context(i));
  }
  brackets.enter(null, []);

  const build = (item: ContainerDraft | ArticleDraft): Node => {
    if (!isContainer(item)) return buildArticle(item);
    const children = item.children.map(build);
    return item.level === 'chapter'
      ? nodes.chapter.create({ id: newNodeId() }, [
          nodes.chapter_heading.create(null, item.heading.content),
          ...children,
        ])
      : nodes.division.create({ id: newNodeId(), level: item.level }, [
          nodes.division_heading.create(null, item.heading.content),
          ...children,
        ]);
  };
  const doc = nodes.doc.create(null, [
    nodes.title.create(null, text(title)),
    nodes.preamble.create(null, [
      ...(opening ? [nodes.preamble_opening.create(null, opening.content)] : []),
      ...preamble.map(buildPreambular),
      ...(closing ? [nodes.preamble_closing.create(null, closing.content)] : []),
    ]),
    ...top.map(build),
  ]);
  doc.check();
  return { doc, language: languages?.[0] ?? 'en' };
}

import type { Node } from 'prosemirror-model';
import { newBracketId } from '../brackets/model.ts';
import { newNodeId } from '../ids.ts';
import { Label } from '../numbering.ts';
import { treatySchema } from '../schema.ts';
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

/** Where and why a plain-text treaty was refused; `line` and `column` are 1-based (TX11). */
export interface TreatyTextError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** The outcome of parsing: the document, or the first error found (nothing is partially imported). */
export type TreatyTextResult = { ok: true; doc: Node } | { ok: false; error: TreatyTextError };

class Refusal {
  constructor(readonly error: TreatyTextError) {}
}

const { nodes } = treatySchema;
const text = (value: string) => (value ? treatySchema.text(value) : null);

interface ChapterDraft {
  readonly heading: Draft;
  readonly articles: ArticleDraft[];
}

/**
 * Parses the plain-text treaty format (TX1–TX16) into a treaty with fresh node and bracket ids. Never throws:
 * any input that is not a well-formed treaty yields the line and column of the first problem and no document.
 */
export function parseTreatyText(input: string): TreatyTextResult {
  try {
    return { ok: true, doc: parse(input) };
  } catch (caught) {
    if (caught instanceof Refusal) return { ok: false, error: caught.error };
    throw caught;
  }
}

function parse(input: string): Node {
  const lines = input.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const refuse = (line: number, column: number, message: string): never => {
    throw new Refusal({ line: line + 1, column, message });
  };
  const brackets = new BlockBrackets(refuse);
  const context = (line: number): LineContext => ({ line, refuse, brackets });
  /** A heading line: inline notation, and the closing bracket of an article without paragraphs (TX14). */
  const readHeading = (into: Draft, line: number) => {
    const raw = lines[line] ?? '';
    const offset = raw.length - raw.trimStart().length;
    readContent(into, raw.trim(), { line, offset, status: false }, brackets, refuse);
  };

  const title = (lines[0] ?? '').trim();
  if (!title) refuse(0, 1, 'The first line must be the title of the treaty.');
  if (Line.article.test(title) || Line.chapter.test(title) || Line.preamble.test(title)) {
    refuse(0, 1, `The first line must be the title of the treaty, not "${title}".`);
  }

  const preamble: Draft[] = [];
  const chapters: ChapterDraft[] = [];
  const looseArticles: ArticleDraft[] = [];
  let firstLooseArticleLine = -1;
  let inPreamble = false;
  let seenPreamble = false;
  let article: ArticleDraft | null = null;
  let articleCount = 0;

  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const trimmed = raw.trim();
    // Shapes are matched on the trimmed line; block text keeps its trailing spaces (exact round trip, TX10).
    const content = raw.trimStart();
    if (trimmed === '') continue;
    const indent = raw.length - raw.trimStart().length;
    const column = indent + 1;

    if (Line.preamble.test(trimmed)) {
      if (seenPreamble) refuse(i, column, 'The preamble appears twice.');
      if (article || chapters.length > 0)
        refuse(i, column, 'The preamble must come before the first chapter or article.');
      seenPreamble = true;
      inPreamble = true;
      continue;
    }

    const chapterMatch = Line.chapter.exec(trimmed);
    if (chapterMatch) {
      if (looseArticles.length > 0) {
        refuse(
          firstLooseArticleLine,
          1,
          'This article stands outside any chapter, but the text has chapters: put every article in a chapter.',
        );
      }
      brackets.enter(null, []);
      const expected = Label.chapter(chapters.length + 1);
      if (trimmed.replace(/[ \t]+/, ' ') !== expected) {
        refuse(i, column + trimmed.indexOf(chapterMatch[1]!), `Expected ${expected}, found ${trimmed}.`);
      }
      if (i + 1 >= lines.length) refuse(i, column, `${expected} needs a heading on the next line.`);
      const heading = draft('chapter', expected, {});
      readHeading(heading, i + 1);
      chapters.push({ heading, articles: [] });
      i += 1;
      inPreamble = false;
      article = null;
      continue;
    }

    // TX14: "[Article 5" brackets the whole article.
    const bracketed = trimmed.startsWith('[') && Line.article.test(trimmed.slice(1));
    const articleMatch = Line.article.exec(bracketed ? trimmed.slice(1) : trimmed);
    if (articleMatch) {
      const at = column + (bracketed ? 1 : 0);
      const n = Number(articleMatch[1]);
      const opened = bracketed ? { line: i, column } : null;
      const next: ArticleDraft = Object.assign(
        draft('article', `Article ${n}`, { opened, bracket: bracketed ? newBracketId() : null }),
        { bare: false },
      );
      brackets.enter(next, []);
      if (n !== articleCount + 1) {
        const found = articleMatch[0].replace(/[ \t]+/, ' ');
        refuse(
          i,
          at + articleMatch[0].indexOf(articleMatch[1]!),
          `Expected Article ${articleCount + 1}, found ${found}.`,
        );
      }
      if (i + 1 >= lines.length) refuse(i, column, `Article ${n} needs a heading on the next line.`);
      articleCount += 1;
      article = next;
      readHeading(article, i + 1);
      const chapter = chapters.at(-1);
      if (chapter) chapter.articles.push(article);
      else {
        if (looseArticles.length === 0) firstLooseArticleLine = i;
        looseArticles.push(article);
      }
      i += 1;
      inPreamble = false;
      continue;
    }

    if (inPreamble) {
      readPreambularLine(preamble, content, indent, context(i));
      continue;
    }

    if (!article) {
      const what =
        chapters.length > 0 ? `Article ${articleCount + 1}` : `"Preamble", "Chapter I" or "Article 1"`;
      refuse(i, column, `Expected ${what}, found text outside any article.`);
    }
    readArticleLine(article!, content, indent, context(i));
  }
  brackets.enter(null, []);

  const doc = nodes.doc.create(null, [
    nodes.title.create(null, text(title)),
    nodes.preamble.create(null, preamble.map(buildPreambular)),
    ...(chapters.length > 0
      ? chapters.map((c) =>
          nodes.chapter.create({ id: newNodeId() }, [
            nodes.chapter_heading.create(null, c.heading.content),
            ...c.articles.map(buildArticle),
          ]),
        )
      : looseArticles.map(buildArticle)),
  ]);
  doc.check();
  return doc;
}

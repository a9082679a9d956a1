import type { Node } from 'prosemirror-model';
import { newNodeId } from '../ids.ts';
import { Label, toLetters, toRoman } from '../numbering.ts';
import { treatySchema } from '../schema.ts';
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
const body = (value: string) => nodes.body.create(null, text(value));

interface Draft<T> {
  readonly id: string;
  readonly text: string;
  readonly children: T[];
}
interface SubDraft extends Draft<string> {
  readonly indent: number;
}
interface ArticleDraft {
  readonly heading: string;
  readonly paragraphs: Draft<SubDraft>[];
  /** True when the article's first paragraph came without a number (TX7). */
  bare: boolean;
}
interface ChapterDraft {
  readonly heading: string;
  readonly articles: ArticleDraft[];
}

function buildArticle(a: ArticleDraft): Node {
  return nodes.article.create({ id: newNodeId() }, [
    nodes.article_heading.create(null, text(a.heading)),
    ...a.paragraphs.map((p) =>
      nodes.paragraph.create({ id: p.id }, [
        body(p.text),
        ...p.children.map((s) =>
          nodes.subparagraph.create({ id: s.id }, [
            body(s.text),
            ...s.children.map((c) => nodes.clause.create({ id: newNodeId() }, body(c))),
          ]),
        ),
      ]),
    ),
  ]);
}

/**
 * Parses the plain-text treaty format (TX1–TX11) into a treaty with fresh node ids. Never throws: any input
 * that is not a well-formed treaty yields the line and column of the first problem and no document.
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

  const title = (lines[0] ?? '').trim();
  if (!title) refuse(0, 1, 'The first line must be the title of the treaty.');
  if (Line.article.test(title) || Line.chapter.test(title) || Line.preamble.test(title)) {
    refuse(0, 1, `The first line must be the title of the treaty, not "${title}".`);
  }

  const preamble: string[] = [];
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
      const expected = Label.chapter(chapters.length + 1);
      if (trimmed.replace(/[ \t]+/, ' ') !== expected) {
        refuse(i, column + trimmed.indexOf(chapterMatch[1]!), `Expected ${expected}, found ${trimmed}.`);
      }
      if (i + 1 >= lines.length) refuse(i, column, `${expected} needs a heading on the next line.`);
      chapters.push({ heading: (lines[i + 1] ?? '').trim(), articles: [] });
      i += 1;
      inPreamble = false;
      article = null;
      continue;
    }

    const articleMatch = Line.article.exec(trimmed);
    if (articleMatch) {
      const n = Number(articleMatch[1]);
      if (n !== articleCount + 1) {
        refuse(
          i,
          column + trimmed.indexOf(articleMatch[1]!),
          `Expected Article ${articleCount + 1}, found Article ${articleMatch[1]}.`,
        );
      }
      if (i + 1 >= lines.length) refuse(i, column, `Article ${n} needs a heading on the next line.`);
      articleCount += 1;
      article = { heading: (lines[i + 1] ?? '').trim(), paragraphs: [], bare: false };
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
      const marker = Line.preambular.exec(trimmed);
      if (marker) {
        const n = Number(marker[1]);
        if (n !== preamble.length + 1) {
          refuse(i, column + 2, `Expected PP${preamble.length + 1}, found PP${marker[1]}.`);
        }
        preamble.push(content.slice(marker[0].length));
      } else {
        preamble.push(content);
      }
      continue;
    }

    if (!article) {
      const what =
        chapters.length > 0 ? `Article ${articleCount + 1}` : `"Preamble", "Chapter I" or "Article 1"`;
      refuse(i, column, `Expected ${what}, found text outside any article.`);
    }
    readBlockLine(article!, content, indent, i, refuse);
  }

  const doc = nodes.doc.create(null, [
    nodes.title.create(null, text(title)),
    nodes.preamble.create(
      null,
      preamble.map((pp) => nodes.preambular_paragraph.create({ id: newNodeId() }, text(pp))),
    ),
    ...(chapters.length > 0
      ? chapters.map((c) =>
          nodes.chapter.create({ id: newNodeId() }, [
            nodes.chapter_heading.create(null, text(c.heading)),
            ...c.articles.map(buildArticle),
          ]),
        )
      : looseArticles.map(buildArticle)),
  ]);
  doc.check();
  return doc;
}

/** Reads one line inside an article: a paragraph, a subparagraph or a clause (TX5–TX8). */
function readBlockLine(
  article: ArticleDraft,
  trimmed: string,
  indent: number,
  i: number,
  refuse: (line: number, column: number, message: string) => never,
): void {
  const column = indent + 1;
  const paragraph = Line.paragraph.exec(trimmed);
  if (paragraph) {
    if (article.bare) {
      refuse(
        i,
        column,
        'This article already has an unnumbered paragraph: number every paragraph (1., 2., ...).',
      );
    }
    const expected = article.paragraphs.length + 1;
    if (Number(paragraph[1]) !== expected) {
      refuse(i, column, `Expected paragraph ${expected}., found ${paragraph[1]}.`);
    }
    article.paragraphs.push({ id: newNodeId(), text: trimmed.slice(paragraph[0].length), children: [] });
    return;
  }

  const lettered = Line.lettered.exec(trimmed);
  if (lettered) {
    const marker = lettered[1]!;
    const current = article.paragraphs.at(-1);
    if (!current) refuse(i, column, `(${marker}) must follow a paragraph.`);
    const sub = current!.children.at(-1);
    const nextLetter = toLetters(current!.children.length + 1);
    const nextClause = sub ? toRoman(sub.children.length + 1) : null;
    const isClause = marker === nextClause && (marker !== nextLetter || indent > sub!.indent);
    const rest = trimmed.slice(lettered[0].length);
    if (isClause) sub!.children.push(rest);
    else if (marker === nextLetter)
      current!.children.push({ id: newNodeId(), text: rest, children: [], indent });
    else {
      const expected = nextClause ? `(${nextLetter}) or (${nextClause})` : `(${nextLetter})`;
      refuse(i, column + 1, `Expected ${expected}, found (${marker}).`);
    }
    return;
  }

  if (article.paragraphs.length > 0) {
    refuse(
      i,
      column,
      article.bare
        ? 'This article already has an unnumbered paragraph: number every paragraph (1., 2., ...).'
        : `Expected paragraph ${article.paragraphs.length + 1}. or a subparagraph; each paragraph is one line.`,
    );
  }
  article.bare = true;
  article.paragraphs.push({ id: newNodeId(), text: trimmed, children: [] });
}

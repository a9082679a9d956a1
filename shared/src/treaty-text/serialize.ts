import type { Node } from 'prosemirror-model';
import { Label } from '../numbering.ts';
import { looksLikeMarker } from './grammar.ts';

/** The title written for a treaty whose title is empty (TX2). */
export const UNTITLED = 'Untitled draft';

const INDENT = '    ';
const labelled = (label: string, text: string) => (text ? `${label} ${text}` : label);

function writeArticle(article: Node, n: number, out: string[]): void {
  out.push(Label.article(n), article.firstChild?.textContent ?? '');
  let count = 0;
  article.forEach((child) => {
    if (child.type.name === 'paragraph') count += 1;
  });
  let index = 0;
  article.forEach((paragraph) => {
    if (paragraph.type.name !== 'paragraph') return;
    index += 1;
    const text = paragraph.firstChild?.textContent ?? '';
    // TX7: a sole paragraph is written bare, unless bare text would read back as a marker or vanish (TX9).
    if (count === 1 && text !== '' && !looksLikeMarker(text)) out.push(text);
    else out.push(labelled(Label.paragraph(index), text));
    let sub = 0;
    paragraph.forEach((subparagraph) => {
      if (subparagraph.type.name !== 'subparagraph') return;
      sub += 1;
      out.push(INDENT + labelled(Label.subparagraph(sub), subparagraph.firstChild?.textContent ?? ''));
      let clause = 0;
      subparagraph.forEach((node) => {
        if (node.type.name !== 'clause') return;
        clause += 1;
        out.push(INDENT + INDENT + labelled(Label.clause(clause), node.firstChild?.textContent ?? ''));
      });
    });
  });
}

/**
 * The canonical plain-text form of a treaty (TX1–TX9): title, then the preamble, chapters and articles
 * separated by single blank lines, with derived numbers written out; ends with one newline. Parsing the
 * result gives the same document, ids aside (TX10).
 */
export function serializeTreatyText(doc: Node): string {
  const out: string[] = [doc.firstChild?.textContent.trim() || UNTITLED];
  let article = 0;
  let chapter = 0;
  doc.forEach((node) => {
    switch (node.type.name) {
      case 'preamble': {
        if (node.childCount === 0) return;
        out.push('', 'Preamble');
        let n = 0;
        node.forEach((pp) => {
          n += 1;
          out.push(labelled(`${Label.preambular(n)}.`, pp.textContent));
        });
        return;
      }
      case 'chapter':
        chapter += 1;
        out.push('', Label.chapter(chapter), node.firstChild?.textContent ?? '');
        node.forEach((child) => {
          if (child.type.name !== 'article') return;
          article += 1;
          out.push('');
          writeArticle(child, article, out);
        });
        return;
      case 'article':
        article += 1;
        out.push('');
        writeArticle(node, article, out);
        return;
    }
  });
  return `${out.join('\n')}\n`;
}

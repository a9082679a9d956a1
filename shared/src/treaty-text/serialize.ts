import type { Node } from 'prosemirror-model';
import { divisionLevel, isAlternative, isArticleLabel, Label } from '../numbering.ts';
import { NodeName } from '../schema.ts';
import { looksLikeMarker } from './grammar.ts';
import { headingLabel, preambleWord, type TextLanguage } from './headings.ts';
import { writeInline } from './inline.ts';
import { writeStatusMarker } from './status-marker.ts';

/** The title written for a treaty whose title is empty (TX2). */
export const UNTITLED = 'Untitled draft';

const INDENT = '    ';
const labelled = (label: string, text: string) => (text ? `${label} ${text}` : label);
const closing = (n: number) => ']'.repeat(n);

/** What follows a block's marker (TX12–TX16): its notation, the block brackets closing there, its status. */
function rest(textblock: Node | null, closers: number, block: Node | null): string {
  const notation = textblock ? writeInline(textblock) : '';
  const status = block ? writeStatusMarker(block) : '';
  const before = notation + closing(closers);
  return status ? (before ? `${before} ${status}` : status) : before;
}

/**
 * Siblings with their alternative index (NU8, TX15): 0 for a block that is not an alternative, k for the k-th
 * alternative of the block before it; `opens` says whether its line starts with `[` (TX14).
 */
function withAlternatives(nodes: readonly Node[]): { node: Node; k: number; opens: boolean }[] {
  let k = 0;
  return nodes.map((node, i) => {
    k = isAlternative(node, nodes[i - 1]) ? k + 1 : 0;
    // A block followed by its alternatives is written bracketed, so that they read back (TX15).
    const next = nodes[i + 1];
    const opens = node.attrs.bracket != null || k > 0 || (next !== undefined && isAlternative(next, node));
    return { node, k, opens };
  });
}

const own = (node: Node) => (node.attrs.bracket != null ? 1 : 0);

function writeArticle(article: Node, heading: string, out: string[]): void {
  const paragraphs: Node[] = [];
  article.forEach((child) => {
    if (child.type.name === 'paragraph') paragraphs.push(child);
  });
  const all = own(article);
  out.push((own(article) ? '[' : '') + heading, rest(article.firstChild, paragraphs.length ? 0 : all, null));
  const blocks = withAlternatives(paragraphs);
  const count = blocks.filter((b) => b.k === 0).length;
  let number = 0;
  blocks.forEach(({ node: paragraph, k, opens }, index) => {
    if (k === 0) number += 1;
    const after = index === blocks.length - 1 ? all : 0;
    const subs: Node[] = [];
    paragraph.forEach((child) => {
      if (child.type.name === 'subparagraph') subs.push(child);
    });
    const line = rest(paragraph.firstChild, subs.length ? 0 : after + Number(opens), paragraph);
    const start = opens ? '[' : '';
    // TX7: a sole paragraph is written bare, unless bare text would read back as a marker, a block bracket
    // or nothing (TX9, TX14).
    const text = paragraph.firstChild?.textContent ?? '';
    if (count === 1 && !opens && text !== '' && !looksLikeMarker(line) && !line.startsWith('['))
      out.push(line);
    else {
      const label = k === 0 ? Label.paragraph(number) : `${Label.alternative(String(number), k)}.`;
      out.push(start + labelled(label, line));
    }
    subs.forEach((sub, s) => {
      const subAfter = s === subs.length - 1 ? after + Number(opens) : 0;
      const clauses: Node[] = [];
      sub.forEach((child) => {
        if (child.type.name === 'clause') clauses.push(child);
      });
      const subLine = rest(sub.firstChild, clauses.length ? 0 : subAfter + own(sub), null);
      out.push(`${INDENT}${own(sub) ? '[' : ''}${labelled(Label.subparagraph(s + 1), subLine)}`);
      clauses.forEach((clause, c) => {
        const clauseAfter = c === clauses.length - 1 ? subAfter + own(sub) : 0;
        const clauseLine = rest(clause.firstChild, clauseAfter + own(clause), null);
        out.push(`${INDENT}${INDENT}${own(clause) ? '[' : ''}${labelled(Label.clause(c + 1), clauseLine)}`);
      });
    });
  });
}

/** Options of the canonical form: the language of its heading words (TX17), English unless given. */
export interface SerializeOptions {
  readonly language?: TextLanguage;
}

/**
 * The canonical plain-text form of a treaty (TX1–TX20): title, then the preamble, parts, chapters, sections,
 * sub-sections, titles and articles separated by single blank lines, with derived numbers written out,
 * brackets, options, alternatives and statuses in their notation; ends with one newline. Written from the
 * document alone (no bracket records). Parsing the result gives the same document, ids aside (TX10).
 */
export function serializeTreatyText(doc: Node, options: SerializeOptions = {}): string {
  const language = options.language ?? 'en';
  const out: string[] = [doc.firstChild?.textContent.trim() || UNTITLED];
  let article = 0;
  let chapter = 0;
  let part = 0;
  const writeContainer = (container: Node) => {
    const perLevel = new Map<string, number>();
    container.forEach((node) => {
      switch (node.type.name) {
        case NodeName.preamble: {
          if (node.childCount === 0) return;
          out.push('', preambleWord(language));
          const pps: Node[] = [];
          let opening: Node | null = null;
          let closing: Node | null = null;
          node.forEach((child) => {
            if (child.type.name === NodeName.preambleOpening) opening = child;
            else if (child.type.name === NodeName.preambleClosing) closing = child;
            else pps.push(child);
          });
          // TX21: the formulas are labelled, their text in the inline notation.
          if (opening) out.push(labelled('Opening:', rest(opening, 0, null)));
          let n = 0;
          for (const { node: pp, k, opens } of withAlternatives(pps)) {
            if (k === 0) n += 1;
            const label =
              k === 0 ? `${Label.preambular(n)}.` : `${Label.alternative(Label.preambular(n), k)}.`;
            out.push((opens ? '[' : '') + labelled(label, rest(pp, Number(opens), pp)));
          }
          if (closing) out.push(labelled('Closing:', rest(closing, 0, null)));
          return;
        }
        case NodeName.chapter:
          chapter += 1;
          out.push('', headingLabel(language, 'chapter', chapter), rest(node.firstChild, 0, null));
          writeContainer(node);
          return;
        case NodeName.division: {
          // TX17, NU9: parts through the treaty, the other levels within their container.
          const level = divisionLevel(node);
          const n = level === 'part' ? ++part : (perLevel.get(level) ?? 0) + 1;
          perLevel.set(level, n);
          out.push('', headingLabel(language, level, n), rest(node.firstChild, 0, null));
          writeContainer(node);
          return;
        }
        case NodeName.article: {
          const typed =
            typeof node.attrs.label === 'string' && isArticleLabel(node.attrs.label)
              ? node.attrs.label
              : null;
          if (!typed) article += 1;
          out.push('');
          writeArticle(node, headingLabel(language, 'article', article, typed), out);
          return;
        }
      }
    });
  };
  writeContainer(doc);
  return `${out.join('\n')}\n`;
}

import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';

/** A piece of a Word paragraph as Word reads it: plain text, or a tracked insertion or deletion. */
export interface DocxItem {
  readonly kind: 'text' | 'ins' | 'del';
  readonly text: string;
  readonly author?: string;
  readonly date?: string;
  /** The Word comments whose range holds this piece, by id. */
  readonly comments?: readonly string[];
}

/** A Word comment (word/comments.xml): its id, author, date and text. */
export interface DocxComment {
  readonly id: string;
  readonly author?: string;
  readonly date?: string;
  readonly text: string;
}

/** A Word paragraph: its style id and its pieces, in order. */
export interface DocxParagraph {
  readonly style: string | null;
  readonly items: readonly DocxItem[];
}

/** What a test reads back from a .docx: paragraphs of the body, header and footer XML, settings. */
export interface DocxContent {
  readonly paragraphs: readonly DocxParagraph[];
  readonly headers: readonly string[];
  readonly footers: readonly string[];
  readonly settings: string;
  readonly styles: string;
  readonly comments: readonly DocxComment[];
}

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const nameOf = (node: XmlNode) => Object.keys(node).find((key) => key !== ':@')!;
const childrenOf = (node: XmlNode) => (node[nameOf(node)] as XmlNode[] | undefined) ?? [];

/** The text of the runs under `node` (w:t, w:delText, tabs and breaks). */
function textOf(node: XmlNode): string {
  const name = nameOf(node);
  if (name === '#text') return String(node['#text']);
  if (name === 'w:tab') return '\t';
  if (name === 'w:br') return '\n';
  if (name === 'w:pPr' || name === 'w:rPr') return '';
  return childrenOf(node).map(textOf).join('');
}

/**
 * Reads a .docx the way Word does for the tests (RV14): unzips it (JSZip) and parses its XML (fast-xml-parser),
 * giving each body paragraph's style and its text, tracked insertions and deletions with their authors and dates,
 * and the comments with the pieces their ranges hold.
 */
export async function readDocx(data: ArrayBuffer | Uint8Array): Promise<DocxContent> {
  const zip = await JSZip.loadAsync(data);
  const read = async (path: string) => (await zip.file(path)?.async('string')) ?? '';
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    trimValues: false,
    parseTagValue: false,
  });
  const tree = parser.parse(await read('word/document.xml')) as XmlNode[];
  const paragraphs: DocxParagraph[] = [];
  const ranges = new Set<string>();
  const walk = (nodes: XmlNode[]) => {
    for (const node of nodes) {
      const name = nameOf(node);
      if (name !== 'w:p') {
        if (name !== '#text') walk(childrenOf(node));
        continue;
      }
      let style: string | null = null;
      const items: DocxItem[] = [];
      const inRange = () => (ranges.size ? { comments: [...ranges] } : {});
      for (const child of childrenOf(node)) {
        const kind = nameOf(child);
        if (kind === 'w:pPr') {
          const styleNode = childrenOf(child).find((n) => nameOf(n) === 'w:pStyle');
          style = styleNode?.[':@']?.['w:val'] ?? null;
        } else if (kind === 'w:commentRangeStart') ranges.add(child[':@']?.['w:id'] ?? '');
        else if (kind === 'w:commentRangeEnd') ranges.delete(child[':@']?.['w:id'] ?? '');
        else if (kind === 'w:r') {
          const text = textOf(child);
          if (text) items.push({ kind: 'text', text, ...inRange() });
        } else if (kind === 'w:ins' || kind === 'w:del') {
          const attrs = child[':@'] ?? {};
          items.push({
            kind: kind === 'w:ins' ? 'ins' : 'del',
            text: textOf(child),
            author: attrs['w:author'],
            date: attrs['w:date'],
            ...inRange(),
          });
        }
      }
      paragraphs.push({ style, items });
    }
  };
  walk(tree);
  const comments: DocxComment[] = [];
  const findComments = (nodes: XmlNode[]) => {
    for (const node of nodes) {
      if (nameOf(node) === 'w:comment') {
        const attrs = node[':@'] ?? {};
        comments.push({
          id: attrs['w:id'] ?? '',
          author: attrs['w:author'],
          date: attrs['w:date'],
          text: textOf(node),
        });
      } else if (nameOf(node) !== '#text') findComments(childrenOf(node));
    }
  };
  findComments(parser.parse(await read('word/comments.xml')) as XmlNode[]);
  const files = Object.keys(zip.files);
  return {
    paragraphs,
    headers: await Promise.all(files.filter((f) => /^word\/header\d*\.xml$/.test(f)).map(read)),
    footers: await Promise.all(files.filter((f) => /^word\/footer\d*\.xml$/.test(f)).map(read)),
    settings: await read('word/settings.xml'),
    styles: await read('word/styles.xml'),
    comments,
  };
}

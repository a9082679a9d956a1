import type { Node } from 'prosemirror-model';

/** Kind of a numbered block. */
export type NumberedKind = 'preambular' | 'chapter' | 'article' | 'paragraph' | 'subparagraph' | 'clause';

/**
 * A block's derived number: `pos` is the node's position in the document, `label` what a reader sees
 * ('PP1', 'Chapter I', 'Article 3', '1.', '(a)', '(i)'; '' for the sole paragraph of an article, NU3).
 */
export interface NumberedBlock {
  readonly pos: number;
  readonly id: string | null;
  readonly kind: NumberedKind;
  readonly label: string;
}

/** An entry of the outline: a chapter or an article with its number and heading text. */
export interface OutlineEntry {
  readonly id: string | null;
  readonly pos: number;
  readonly kind: 'chapter' | 'article';
  readonly label: string;
  readonly heading: string;
}

const ROMAN: readonly [number, string][] = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

/** Lower-case Roman numeral of `n` (1 → 'i', 4 → 'iv'); `n` must be a positive integer. */
export function toRoman(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`toRoman expects a positive integer, got ${n}`);
  let rest = n;
  let out = '';
  for (const [value, symbol] of ROMAN) {
    while (rest >= value) {
      out += symbol;
      rest -= value;
    }
  }
  return out;
}

/** Subparagraph letters in UN practice (NU4): 1 → 'a' ... 26 → 'z', 27 → 'aa', 28 → 'bb' ... 53 → 'aaa'. */
export function toLetters(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`toLetters expects a positive integer, got ${n}`);
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

/** Labels of the derived numbering, one function per kind (NU1–NU6). */
export const Label = {
  preambular: (n: number) => `PP${n}`,
  chapter: (n: number) => `Chapter ${toRoman(n).toUpperCase()}`,
  article: (n: number) => `Article ${n}`,
  paragraph: (n: number) => `${n}.`,
  subparagraph: (n: number) => `(${toLetters(n)})`,
  clause: (n: number) => `(${toRoman(n)})`,
} as const;

const id = (node: Node): string | null => (node.attrs.id as string | null) ?? null;

/**
 * The derived number of every numbered block of a treaty, in document order. Numbers are never stored: they
 * follow from position (NU1–NU6), so inserting or moving a block renumbers the blocks after it.
 */
export function numberTreaty(doc: Node): NumberedBlock[] {
  const out: NumberedBlock[] = [];
  let article = 0;
  let chapter = 0;
  let preambular = 0;

  const numberArticle = (node: Node, pos: number) => {
    article += 1;
    out.push({ pos, id: id(node), kind: 'article', label: Label.article(article) });
    let paragraphs = 0;
    node.forEach((child) => {
      if (child.type.name === 'paragraph') paragraphs += 1;
    });
    let paragraph = 0;
    node.forEach((child, offset) => {
      if (child.type.name !== 'paragraph') return;
      paragraph += 1;
      const childPos = pos + 1 + offset;
      out.push({
        pos: childPos,
        id: id(child),
        kind: 'paragraph',
        // NU3: an article with a single paragraph does not number it.
        label: paragraphs === 1 ? '' : Label.paragraph(paragraph),
      });
      numberSubparagraphs(child, childPos);
    });
  };

  const numberSubparagraphs = (paragraph: Node, pos: number) => {
    let sub = 0;
    paragraph.forEach((child, offset) => {
      if (child.type.name !== 'subparagraph') return;
      sub += 1;
      const subPos = pos + 1 + offset;
      out.push({ pos: subPos, id: id(child), kind: 'subparagraph', label: Label.subparagraph(sub) });
      let clause = 0;
      child.forEach((grandchild, innerOffset) => {
        if (grandchild.type.name !== 'clause') return;
        clause += 1;
        out.push({
          pos: subPos + 1 + innerOffset,
          id: id(grandchild),
          kind: 'clause',
          label: Label.clause(clause),
        });
      });
    });
  };

  doc.forEach((node, pos) => {
    switch (node.type.name) {
      case 'preamble':
        node.forEach((child, offset) => {
          preambular += 1;
          out.push({
            pos: pos + 1 + offset,
            id: id(child),
            kind: 'preambular',
            label: Label.preambular(preambular),
          });
        });
        break;
      case 'chapter':
        chapter += 1;
        out.push({ pos, id: id(node), kind: 'chapter', label: Label.chapter(chapter) });
        node.forEach((child, offset) => {
          // NU1: articles are numbered continuously across chapters.
          if (child.type.name === 'article') numberArticle(child, pos + 1 + offset);
        });
        break;
      case 'article':
        numberArticle(node, pos);
        break;
    }
  });
  return out;
}

/** The chapters and articles of a treaty with their numbers and heading texts, for navigation. */
export function treatyOutline(doc: Node): OutlineEntry[] {
  const out: OutlineEntry[] = [];
  const nodes = new Map<number, Node>();
  doc.descendants((node, pos) => {
    if (node.type.name === 'chapter' || node.type.name === 'article') nodes.set(pos, node);
    return node.type.name === 'doc' || node.type.name === 'chapter';
  });
  for (const block of numberTreaty(doc)) {
    if (block.kind !== 'chapter' && block.kind !== 'article') continue;
    const node = nodes.get(block.pos);
    out.push({
      id: block.id,
      pos: block.pos,
      kind: block.kind,
      label: block.label,
      heading: node?.firstChild?.textContent ?? '',
    });
  }
  return out;
}

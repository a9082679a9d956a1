import type { Node } from 'prosemirror-model';

/** Kind of a numbered block. */
export type NumberedKind = 'preambular' | 'chapter' | 'article' | 'paragraph' | 'subparagraph' | 'clause';

/**
 * A block's derived number: `pos` is the node's position in the document, `label` what a reader sees
 * ('PP1', 'Chapter I', 'Article 3', '1.', '(a)', '(i)'; '' for the sole paragraph of an article, NU3; '5 alt',
 * 'PP3 alt 2', 'alt' for alternatives, NU8).
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

/** Labels of the derived numbering, one function per kind (NU1–NU6, NU8). */
export const Label = {
  preambular: (n: number) => `PP${n}`,
  chapter: (n: number) => `Chapter ${toRoman(n).toUpperCase()}`,
  article: (n: number) => `Article ${n}`,
  paragraph: (n: number) => `${n}.`,
  subparagraph: (n: number) => `(${toLetters(n)})`,
  clause: (n: number) => `(${toRoman(n)})`,
  /** NU8: the k-th alternative (k ≥ 1) of the block numbered `base` ("5", "PP3", or "" for a sole paragraph). */
  alternative: (base: string, k: number) => [base, k === 1 ? 'alt' : `alt ${k}`].filter(Boolean).join(' '),
} as const;

/** The key of the alternatives group a block belongs to: its `bracketGroup`, else its own `bracket` (BR5). */
export function blockGroupKey(node: Node): string | null {
  return (
    (node.attrs.bracketGroup as string | null | undefined) ?? (node.attrs.bracket as string | null) ?? null
  );
}

/**
 * NU8/BR5: whether `node` is an alternative to its previous sibling `previous` (same node type, and the node's
 * `bracketGroup` names the group of `previous`).
 */
export function isAlternative(node: Node, previous: Node | null | undefined): boolean {
  const group = (node.attrs.bracketGroup as string | null | undefined) ?? null;
  return group !== null && previous?.type === node.type && blockGroupKey(previous) === group;
}

const id = (node: Node): string | null => (node.attrs.id as string | null) ?? null;

/**
 * The derived number of every numbered block of a treaty, in document order. Numbers are never stored: they
 * follow from position (NU1–NU6, NU8), so inserting or moving a block renumbers the blocks after it.
 */
export function numberTreaty(doc: Node): NumberedBlock[] {
  const out: NumberedBlock[] = [];
  let article = 0;
  let chapter = 0;
  let preambular = 0;

  const numberArticle = (node: Node, pos: number) => {
    article += 1;
    out.push({ pos, id: id(node), kind: 'article', label: Label.article(article) });
    // NU8: alternatives neither advance the numbering nor count for NU3.
    let paragraphs = 0;
    let previous: Node | null = null;
    node.forEach((child) => {
      if (child.type.name === 'paragraph' && !isAlternative(child, previous)) paragraphs += 1;
      previous = child;
    });
    let paragraph = 0;
    let alternative = 0;
    previous = null;
    node.forEach((child, offset) => {
      const before = previous;
      previous = child;
      if (child.type.name !== 'paragraph') return;
      const childPos = pos + 1 + offset;
      let label: string;
      if (isAlternative(child, before)) {
        alternative += 1;
        label = Label.alternative(paragraphs === 1 ? '' : String(paragraph), alternative);
      } else {
        paragraph += 1;
        alternative = 0;
        // NU3: an article with a single paragraph does not number it.
        label = paragraphs === 1 ? '' : Label.paragraph(paragraph);
      }
      out.push({ pos: childPos, id: id(child), kind: 'paragraph', label });
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
      case 'preamble': {
        let previous: Node | null = null;
        let alternative = 0;
        node.forEach((child, offset) => {
          const before = previous;
          previous = child;
          if (isAlternative(child, before)) alternative += 1;
          else {
            preambular += 1;
            alternative = 0;
          }
          out.push({
            pos: pos + 1 + offset,
            id: id(child),
            kind: 'preambular',
            label:
              alternative > 0
                ? Label.alternative(Label.preambular(preambular), alternative)
                : Label.preambular(preambular),
          });
        });
        break;
      }
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

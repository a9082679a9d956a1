import type { Node } from 'prosemirror-model';
import { type DivisionLevel, isDivisionLevel, NodeName } from './schema.ts';

/** Kind of a numbered block. */
export type NumberedKind =
  | 'preambular'
  | 'chapter'
  | 'division'
  | 'article'
  | 'paragraph'
  | 'subparagraph'
  | 'clause';

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

/** An entry of the outline: a division, chapter or article with its number and heading text. */
export interface OutlineEntry {
  readonly id: string | null;
  readonly pos: number;
  readonly kind: 'chapter' | 'division' | 'article';
  /** How deep the entry is nested in divisions and chapters: 0 at the top of the treaty (NU7). */
  readonly depth: number;
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

/** NU9: the words of each division level in labels. */
export const DIVISION_WORDS: Readonly<Record<DivisionLevel, string>> = {
  part: 'Part',
  section: 'Section',
  subsection: 'Sub-section',
  title: 'Title',
};

/**
 * NU9: the label of the n-th division of `level`: parts are numbered with capital Roman numerals through the
 * treaty ("Part II"), sections, sub-sections and titles with decimals restarting in their enclosing division
 * or chapter ("Section 1", "Sub-section 2", "Title 3").
 */
export function divisionLabel(level: DivisionLevel, n: number): string {
  return `${DIVISION_WORDS[level]} ${level === 'part' ? toRoman(n).toUpperCase() : n}`;
}

/** The level of a division node, `section` when its attribute is not one (SH8 reads stored documents). */
export function divisionLevel(node: Node): DivisionLevel {
  return isDivisionLevel(node.attrs.level) ? node.attrs.level : 'section';
}

/** Latin suffixes of inserted article numbers, in order ("2bis", "2ter" ...), ST7. */
export const LATIN_SUFFIXES = [
  'bis',
  'ter',
  'quater',
  'quinquies',
  'sexies',
  'septies',
  'octies',
  'novies',
  'decies',
] as const;
const ARTICLE_LABEL = new RegExp(`^([1-9]\\d{0,3})(${LATIN_SUFFIXES.join('|')})$`);

/** ST7: whether `value` is an article number as typed with its suffix ("2bis", "11ter"). */
export function isArticleLabel(value: string): boolean {
  return ARTICLE_LABEL.test(value);
}

/** ST7: the number and suffix of an article label ("11ter" → [11, 'ter']), or null. */
export function splitArticleLabel(value: string): { base: number; suffix: string } | null {
  const match = ARTICLE_LABEL.exec(value);
  return match ? { base: Number(match[1]), suffix: match[2]! } : null;
}

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
    // ST7: an article typed with a suffix ("2bis") keeps it and does not advance the numbering.
    const typed =
      typeof node.attrs.label === 'string' && isArticleLabel(node.attrs.label) ? node.attrs.label : null;
    if (!typed) article += 1;
    out.push({
      pos,
      id: id(node),
      kind: 'article',
      label: typed ? `Article ${typed}` : Label.article(article),
    });
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

  let part = 0;
  /** The children of the treaty, a chapter or a division (ST5): `base` is the position of the first child. */
  const numberContainer = (container: Node, base: number) => {
    const perLevel = new Map<DivisionLevel, number>();
    container.forEach((node, offset) => {
      const pos = base + offset;
      switch (node.type.name) {
        case NodeName.preamble:
          numberPreamble(node, pos);
          break;
        case NodeName.chapter:
          chapter += 1;
          out.push({ pos, id: id(node), kind: 'chapter', label: Label.chapter(chapter) });
          // NU1: articles are numbered continuously across chapters.
          numberContainer(node, pos + 1);
          break;
        case NodeName.division: {
          // NU9: parts through the treaty, the other levels within their container.
          const level = divisionLevel(node);
          const n = level === 'part' ? ++part : (perLevel.get(level) ?? 0) + 1;
          perLevel.set(level, n);
          out.push({ pos, id: id(node), kind: 'division', label: divisionLabel(level, n) });
          numberContainer(node, pos + 1);
          break;
        }
        case NodeName.article:
          numberArticle(node, pos);
          break;
      }
    });
  };

  const numberPreamble = (node: Node, pos: number) => {
    let previous: Node | null = null;
    let alternative = 0;
    node.forEach((child, offset) => {
      // ST8: the opening and closing formulas are not numbered.
      if (child.type.name !== NodeName.preambularParagraph) return;
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
  };

  numberContainer(doc, 0);
  return out;
}

/** The divisions, chapters and articles of a treaty with their numbers, heading texts and depth (NU7). */
export function treatyOutline(doc: Node): OutlineEntry[] {
  const out: OutlineEntry[] = [];
  const nodes = new Map<number, { node: Node; depth: number }>();
  const containers = new Set<string>([NodeName.doc, NodeName.chapter, NodeName.division]);
  const walk = (container: Node, base: number, depth: number) => {
    container.forEach((node, offset) => {
      const name = node.type.name;
      if (name !== NodeName.chapter && name !== NodeName.division && name !== NodeName.article) return;
      nodes.set(base + offset, { node, depth });
      if (containers.has(name)) walk(node, base + offset + 1, depth + 1);
    });
  };
  walk(doc, 0, 0);
  for (const block of numberTreaty(doc)) {
    if (block.kind !== 'chapter' && block.kind !== 'division' && block.kind !== 'article') continue;
    const entry = nodes.get(block.pos);
    out.push({
      id: block.id,
      pos: block.pos,
      kind: block.kind,
      depth: entry?.depth ?? 0,
      label: block.label,
      heading: entry?.node.firstChild?.textContent ?? '',
    });
  }
  return out;
}

import type { Node } from 'prosemirror-model';
import { numberTreaty } from './numbering.ts';
import { NodeName } from './schema.ts';

/** Where a node sits in a treaty, as people name it: "Article 3, paragraph 2 (b)". */
export interface Location {
  readonly articleId: string | null;
  /** "Article 3", "Preamble", or "Title". */
  readonly article: string;
  readonly paragraphId: string | null;
  /** "paragraph 2", "paragraph 2 (b)", "PP3", "sole paragraph", or "". */
  readonly paragraph: string;
}

/** "Article 3, paragraph 2". */
export function locationLabel(where: Pick<Location, 'article' | 'paragraph'>): string {
  return where.paragraph ? `${where.article}, ${where.paragraph}` : where.article;
}

/**
 * Walks every node of `doc` in document order, telling `visit` where each one is (derived numbering, NU
 * rules). `visit` returns false to skip a node's children.
 */
export function walkTreaty(doc: Node, visit: (node: Node, pos: number, where: Location) => unknown): void {
  const labels = new Map<number, string>();
  for (const block of numberTreaty(doc)) labels.set(block.pos, block.label);
  const walk = (node: Node, pos: number, where: Location) => {
    let here = where;
    const id = (node.attrs.id as string | null | undefined) ?? null;
    const name = node.type.name;
    if (name === NodeName.article) {
      here = { articleId: id, article: labels.get(pos) || 'Article', paragraphId: null, paragraph: '' };
    } else if (name === NodeName.preamble) {
      here = { articleId: null, article: 'Preamble', paragraphId: null, paragraph: '' };
    } else if (name === NodeName.paragraph) {
      const label = labels.get(pos) ?? '';
      here = {
        ...where,
        paragraphId: id,
        paragraph: label ? `paragraph ${label.replace(/\.$/, '')}` : 'sole paragraph',
      };
    } else if (name === NodeName.subparagraph || name === NodeName.clause) {
      here = { ...where, paragraph: `${where.paragraph} ${labels.get(pos) ?? ''}`.trim() };
    } else if (name === NodeName.preambularParagraph) {
      here = { ...where, paragraphId: id, paragraph: labels.get(pos) ?? '' };
    }
    if (visit(node, pos, here) === false || node.isLeaf) return;
    node.forEach((child, offset) => {
      walk(child, pos + 1 + offset, here);
    });
  };
  const top: Location = { articleId: null, article: 'Title', paragraphId: null, paragraph: '' };
  doc.forEach((child, offset) => {
    walk(child, offset, top);
  });
}

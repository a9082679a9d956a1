import type { Node } from 'prosemirror-model';
import { type Location, walkTreaty } from '../locate.ts';
import { MarkName, NodeName } from '../schema.ts';

/** What a proposal changes, found in the treaty (PR rules): its text, blocks and where it is. */
export interface ProposalSpan {
  readonly id: string;
  /** Text the proposal adds (insertion marks, and the text of blocks it adds, one line each), in order. */
  readonly inserted: string;
  /** Text the proposal would remove (deletion marks, and the text of blocks it would remove). */
  readonly deleted: string;
  /** Blocks the proposal adds or would remove, by node name. */
  readonly insertedBlocks: readonly string[];
  readonly deletedBlocks: readonly string[];
  /** The ids of the blocks the proposal adds or would remove, with the blocks inside them (RV6). */
  readonly blockIds: readonly string[];
  /** First position of the proposal in the document (to navigate to it). */
  readonly pos: number;
  readonly articleId: string | null;
  /** "Article 3", "Preamble", or "Title". */
  readonly article: string;
  readonly paragraphId: string | null;
  /** "paragraph 2", "paragraph 2 (b)", "PP3", or "". */
  readonly paragraph: string;
}

/** What kind of change a proposal is, as people name it. */
export type ProposalKind =
  | 'insertion'
  | 'deletion'
  | 'replacement'
  | 'new paragraph'
  | 'new article'
  | 'paragraph deletion'
  | 'article deletion'
  | 'empty';

/** The kind of a proposal from what it changes. */
export function proposalKind(span: ProposalSpan | undefined): ProposalKind {
  if (!span) return 'empty';
  if (span.insertedBlocks.includes(NodeName.article)) return 'new article';
  if (span.insertedBlocks.length > 0) return 'new paragraph';
  if (span.deletedBlocks.includes(NodeName.article)) return 'article deletion';
  if (span.deletedBlocks.length > 0) return 'paragraph deletion';
  if (span.inserted && span.deleted) return 'replacement';
  if (span.inserted) return 'insertion';
  if (span.deleted) return 'deletion';
  return 'empty';
}

interface Mutable {
  id: string;
  inserted: string;
  deleted: string;
  insertedBlocks: string[];
  deletedBlocks: string[];
  blockIds: string[];
  pos: number;
  articleId: string | null;
  article: string;
  paragraphId: string | null;
  paragraph: string;
}

/** Every proposal present in `doc` (marks and block attributes), with its text and location. */
export function scanProposals(doc: Node): Map<string, ProposalSpan> {
  const spans = new Map<string, Mutable>();
  const span = (id: string, pos: number, where: Location): Mutable => {
    let found = spans.get(id);
    if (!found) {
      found = {
        id,
        inserted: '',
        deleted: '',
        insertedBlocks: [],
        deletedBlocks: [],
        blockIds: [],
        pos,
        ...where,
      };
      spans.set(id, found);
    }
    return found;
  };
  // Blocks a proposal adds or would remove, around the node being visited: their text is the proposal's too.
  const enclosing: { end: number; inserted: string | null; deleted: string | null }[] = [];
  walkTreaty(doc, (node, pos, here) => {
    while (enclosing.length > 0 && enclosing[enclosing.length - 1]!.end <= pos) enclosing.pop();
    const inserted = node.attrs.inserted as string | null | undefined;
    const deleted = node.attrs.deleted as string | null | undefined;
    if (inserted || deleted)
      enclosing.push({ end: pos + node.nodeSize, inserted: inserted ?? null, deleted: deleted ?? null });
    if (node.isTextblock) {
      // One line per block of a proposed paragraph or article, never glued together.
      for (const block of enclosing) {
        for (const [proposal, field] of [
          [block.inserted, 'inserted'],
          [block.deleted, 'deleted'],
        ] as const) {
          if (!proposal) continue;
          const found = span(proposal, pos, here);
          if (found[field] && !found[field].endsWith('\n')) found[field] += '\n';
        }
      }
    }
    if (inserted) span(inserted, pos, here).insertedBlocks.push(node.type.name);
    if (deleted) span(deleted, pos, here).deletedBlocks.push(node.type.name);
    for (const proposal of [inserted, deleted]) {
      if (!proposal) continue;
      const ids = span(proposal, pos, here).blockIds;
      if (node.attrs.id) ids.push(String(node.attrs.id));
      node.descendants((child) => {
        if (child.attrs.id) ids.push(String(child.attrs.id));
        return !child.isTextblock;
      });
    }
    if (!node.isText) return;
    const own = new Set<string>();
    for (const mark of node.marks) {
      const proposal = String(mark.attrs.proposal);
      if (mark.type.name === MarkName.insertion) span(proposal, pos, here).inserted += node.text ?? '';
      if (mark.type.name === MarkName.deletion) span(proposal, pos, here).deleted += node.text ?? '';
      own.add(`${mark.type.name}|${proposal}`);
    }
    // PR1: text typed in a proposed block needs no mark of its own; it is that proposal's text.
    const seen = new Set<string>();
    for (const block of enclosing) {
      if (block.inserted && !own.has(`insertion|${block.inserted}`) && !seen.has(`+${block.inserted}`)) {
        span(block.inserted, pos, here).inserted += node.text ?? '';
        seen.add(`+${block.inserted}`);
      }
      if (block.deleted && !own.has(`deletion|${block.deleted}`) && !seen.has(`-${block.deleted}`)) {
        span(block.deleted, pos, here).deleted += node.text ?? '';
        seen.add(`-${block.deleted}`);
      }
    }
  });
  return spans;
}

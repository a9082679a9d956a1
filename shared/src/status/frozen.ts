import type { Node, ResolvedPos } from 'prosemirror-model';
import { type ParagraphStatus, STATUS_NODES, statusOf } from './model.ts';

/** The paragraph (or preambular paragraph) holding `$pos`, with its position; null outside any. */
export function statusBlockAt($pos: ResolvedPos): { node: Node; pos: number } | null {
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth);
    if (STATUS_NODES.includes(node.type.name)) return { node, pos: $pos.before(depth) };
  }
  return null;
}

/** The status of the paragraph holding `$pos` (open outside paragraphs). */
export function statusAt($pos: ResolvedPos): ParagraphStatus {
  const block = statusBlockAt($pos);
  return block ? statusOf(block.node) : 'open';
}

/**
 * SS3: whether [from, to) touches a paragraph that is not open (a frozen paragraph refuses every change until the
 * chair reopens it). Positions between blocks count for the paragraphs they enter.
 */
export function touchesFrozen(doc: Node, from: number, to: number): boolean {
  if (statusAt(doc.resolve(from)) !== 'open' || statusAt(doc.resolve(to)) !== 'open') return true;
  let frozen = false;
  doc.nodesBetween(from, to, (node) => {
    if (frozen) return false;
    if (STATUS_NODES.includes(node.type.name)) {
      frozen = statusOf(node) !== 'open';
      return false;
    }
    return true;
  });
  return frozen;
}

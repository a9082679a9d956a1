import type { Node } from 'prosemirror-model';
import { Mapping, StepMap } from 'prosemirror-transform';
import type { Decoration, DecorationSet } from 'prosemirror-view';

/**
 * Where two versions of a document differ: `from` is the same in both, `toBefore` ends the changed span in the
 * old one and `toAfter` in the new one. Found by node identity (ProseMirror and y-prosemirror reuse unchanged
 * nodes), so it is cheap and exact even when the transaction replaced the whole document, as y-prosemirror does
 * for every remote change.
 */
export interface ChangedRange {
  readonly from: number;
  readonly toBefore: number;
  readonly toAfter: number;
}

/** The span where `before` and `after` differ, or null when they have the same content. */
export function changedRange(before: Node, after: Node): ChangedRange | null {
  const from = before.content.findDiffStart(after.content);
  if (from === null) return null;
  const end = before.content.findDiffEnd(after.content);
  if (!end) return null;
  let { a: toBefore, b: toAfter } = end;
  // Repeated content ("aa" → "aaa") lets the two scans cross; widen both ends, as prosemirror-view does.
  const overlap = from - Math.min(toBefore, toAfter);
  if (overlap > 0) {
    toBefore += overlap;
    toAfter += overlap;
  }
  return { from, toBefore, toAfter };
}

/**
 * True when the change stays inside the content of one textblock in both versions (typing, marks): no block
 * was added, removed, joined, split or given other attributes.
 */
export function withinOneTextblock(before: Node, after: Node, range: ChangedRange): boolean {
  const $before = before.resolve(range.from);
  const $after = after.resolve(range.from);
  return (
    $before.parent.isTextblock &&
    $after.parent.isTextblock &&
    range.toBefore <= $before.end() &&
    range.toAfter <= $after.end()
  );
}

/** A mapping that moves positions of the old document across `range` into the new one. */
export function rangeMapping(range: ChangedRange): Mapping {
  return new Mapping([new StepMap([range.from, range.toBefore - range.from, range.toAfter - range.from])]);
}

/** The blocks of `doc` to redecorate for `range`: the smallest node holding all of it, or the top-level ones it touches. */
export function affectedBlocks(doc: Node, range: ChangedRange): { node: Node; pos: number }[] {
  const $from = doc.resolve(range.from);
  const depth = $from.sharedDepth(range.toAfter);
  if (depth > 0) return [{ node: $from.node(depth), pos: $from.before(depth) }];
  const blocks: { node: Node; pos: number }[] = [];
  doc.forEach((node, pos) => {
    if (pos <= range.toAfter && pos + node.nodeSize >= range.from) blocks.push({ node, pos });
  });
  return blocks;
}

/**
 * Brings `set`, the decorations of `before`, up to date with `after` by recomputing only the blocks that
 * changed. `decorate(node, pos)` must return every decoration of a block and its descendants, and nothing
 * outside it; decorations elsewhere are only moved. The pattern for any per-block decoration plugin.
 */
export function redecorateChanged(
  set: DecorationSet,
  before: Node,
  after: Node,
  decorate: (node: Node, pos: number) => Decoration[],
): DecorationSet {
  const range = changedRange(before, after);
  if (!range) return set;
  let next = set.map(rangeMapping(range), after);
  for (const { node, pos } of affectedBlocks(after, range)) {
    const end = pos + node.nodeSize;
    const stale = next.find(pos, end).filter((d) => d.from >= pos && d.to <= end);
    next = next.remove(stale).add(after, decorate(node, pos));
  }
  return next;
}

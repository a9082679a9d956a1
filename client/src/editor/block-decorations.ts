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
 * One change inside the content of a textblock: `from`..`toBefore` in the old document became
 * `fromAfter`..`toAfter` in the new one.
 */
export interface TextblockChange extends ChangedRange {
  readonly fromAfter: number;
}

/**
 * Every change between `before` and `after` when each one stays inside the content of a textblock (typing,
 * marks, in any number of blocks): several paragraphs typed in by several delegations arrive as one
 * y-prosemirror transaction. 'structure' when a block was added, removed, split, joined, moved or given other
 * attributes; null when the content is the same. Unchanged nodes are skipped by identity.
 */
export function textblockChanges(before: Node, after: Node): TextblockChange[] | 'structure' | null {
  if (before === after) return null;
  const changes: TextblockChange[] = [];
  if (!collectChanges(before, after, 0, 0, changes)) return 'structure';
  return changes.length > 0 ? changes : null;
}

/** Adds the changes inside `a` (content at `atA` in the old document) and `b` (at `atB`); false for structure. */
function collectChanges(a: Node, b: Node, atA: number, atB: number, out: TextblockChange[]): boolean {
  if (a.isTextblock) {
    const range = changedRange(a, b);
    if (range) {
      out.push({
        from: atA + range.from,
        toBefore: atA + range.toBefore,
        fromAfter: atB + range.from,
        toAfter: atB + range.toAfter,
      });
    }
    return true;
  }
  if (a.childCount !== b.childCount) return false;
  let posA = atA;
  let posB = atB;
  for (let i = 0; i < a.childCount; i++) {
    const childA = a.child(i);
    const childB = b.child(i);
    if (childA !== childB) {
      if (!childA.sameMarkup(childB)) return false;
      if (childA.isLeaf ? !childA.eq(childB) : !collectChanges(childA, childB, posA + 1, posB + 1, out))
        return false;
    }
    posA += childA.nodeSize;
    posB += childB.nodeSize;
  }
  return true;
}

/**
 * A mapping that moves positions of the old document across every change into the new one: one step per
 * change, each at its place once the earlier ones are made (`fromAfter`). One StepMap of several ranges maps
 * single positions the same, but DecorationSet.map moved an inline decoration deleted by the second of two
 * ranges instead of dropping it (prosemirror-view 1.42).
 */
export function changesMapping(changes: readonly TextblockChange[]): Mapping {
  return new Mapping(
    changes.map(
      ({ from, toBefore, fromAfter, toAfter }) =>
        new StepMap([fromAfter, toBefore - from, toAfter - fromAfter]),
    ),
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
  const changes = textblockChanges(before, after);
  if (changes === null) return set;
  if (changes !== 'structure') {
    // Only the changed textblocks, however many and wherever they are.
    let next = set.map(changesMapping(changes), after);
    for (const change of changes) {
      const $at = after.resolve(change.fromAfter);
      next = redecorate(next, after, $at.parent, $at.before(), decorate);
    }
    return next;
  }
  const range = changedRange(before, after);
  if (!range) return set;
  let next = set.map(rangeMapping(range), after);
  for (const { node, pos } of affectedBlocks(after, range))
    next = redecorate(next, after, node, pos, decorate);
  return next;
}

/** `set` with the decorations inside `node` (at `pos`) replaced by `decorate`'s. */
function redecorate(
  set: DecorationSet,
  doc: Node,
  node: Node,
  pos: number,
  decorate: (node: Node, pos: number) => Decoration[],
): DecorationSet {
  const end = pos + node.nodeSize;
  const stale = set.find(pos, end).filter((d) => d.from >= pos && d.to <= end);
  return set.remove(stale).add(doc, decorate(node, pos));
}

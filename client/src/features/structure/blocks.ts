import { NodeName, newNodeId, treatySchema } from '@travaux/shared';
import type { Node, NodeType, ResolvedPos } from 'prosemirror-model';

/**
 * The three nesting levels of operative text: paragraph "1." › subparagraph "(a)" › clause "(i)" (ST4).
 * Each holds a `body` first, then blocks of the next level.
 */
const LEVELS = [NodeName.paragraph, NodeName.subparagraph, NodeName.clause] as const;

/** 0 for a paragraph, 1 for a subparagraph, 2 for a clause, -1 for any other node. */
export function blockLevel(node: Node): number {
  return (LEVELS as readonly string[]).indexOf(node.type.name);
}

/** The node type of a nesting level, or undefined past the deepest level. */
export function levelType(level: number): NodeType | undefined {
  const name = LEVELS[level];
  return name === undefined ? undefined : treatySchema.nodes[name];
}

/**
 * Rebuilds a block at another level, its sub-blocks one level below it; ids are kept (the text is the same
 * text). Null when a sub-block would fall past the deepest level: clauses hold no sub-blocks.
 */
export function atLevel(block: Node, level: number): Node | null {
  const type = levelType(level);
  if (!type) return null;
  const content: Node[] = [];
  for (let i = 0; i < block.childCount; i++) {
    const child = block.child(i);
    if (i === 0) {
      content.push(child);
      continue;
    }
    const converted = atLevel(child, level + 1);
    if (!converted) return null;
    content.push(converted);
  }
  return type.createChecked(block.attrs, content);
}

/** A new, empty block of `type` with a fresh id and an empty body. */
export function emptyBlock(type: NodeType): Node {
  return type.createChecked({ id: newNodeId() }, treatySchema.nodes.body.create());
}

/** A new article: an empty heading and one empty paragraph, both with fresh ids. */
export function emptyArticle(): Node {
  return treatySchema.nodes.article.createChecked({ id: newNodeId() }, [
    treatySchema.nodes.article_heading.create(),
    emptyBlock(treatySchema.nodes.paragraph),
  ]);
}

/** Where an ancestor sits around a resolved position. */
export interface Ancestor {
  readonly node: Node;
  readonly depth: number;
  /** Position just before the node. */
  readonly pos: number;
}

/** The innermost ancestor of `$pos` (including its parent) that satisfies `test`. */
export function findAncestor($pos: ResolvedPos, test: (node: Node) => boolean): Ancestor | null {
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth);
    if (test(node)) return { node, depth, pos: $pos.before(depth) };
  }
  return null;
}

/** The innermost paragraph, subparagraph or clause around `$pos`. */
export function enclosingBlock($pos: ResolvedPos): Ancestor | null {
  return findAncestor($pos, (node) => blockLevel(node) >= 0);
}

/** The innermost node of a given type around `$pos`. */
export function enclosing($pos: ResolvedPos, name: NodeName): Ancestor | null {
  return findAncestor($pos, (node) => node.type.name === name);
}

/** Position of the end of the text of the last textblock inside `node`, which starts at `pos`. */
export function lastTextEnd(node: Node, pos: number): number {
  if (node.isTextblock) return pos + node.nodeSize - 1;
  const last = node.lastChild;
  if (!last) throw new Error(`lastTextEnd: ${node.type.name} has no content`);
  return lastTextEnd(last, pos + node.nodeSize - 1 - last.nodeSize);
}

import type { NodeType } from 'prosemirror-model';
import { BRACKETS_MAP } from '../brackets/model.ts';
import { CHAIR_EDITS_MAP } from '../proposals/chair-edits.ts';
import { POSITIONS_MAP, PROPOSALS_MAP } from '../proposals/model.ts';
import { treatySchema } from '../schema.ts';
import { YDOC_LAYOUT } from '../ydoc.ts';

/** The top-level types of a Travaux Y.Doc and their kinds (SH1; README "Y.Doc layout"). */
export const ROOT_KINDS: ReadonlyMap<string, 'fragment' | 'records'> = new Map([
  [YDOC_LAYOUT.treaty, 'fragment'],
  [PROPOSALS_MAP, 'records'],
  [POSITIONS_MAP, 'records'],
  [BRACKETS_MAP, 'records'],
  [CHAIR_EDITS_MAP, 'records'],
] as const);

/** The node type of the treaty's top level (the fragment's children are its content). */
export const ROOT_NODE: NodeType = treatySchema.topNodeType;

/**
 * SH2: the node type an element name stands for, or null when the schema has no such element. `text` is Yjs
 * text, never an element, and the top node is the fragment itself.
 */
export function elementType(name: string): NodeType | null {
  if (!Object.hasOwn(treatySchema.nodes, name)) return null;
  const type = treatySchema.nodes[name]!;
  return type.isText || type === ROOT_NODE ? null : type;
}

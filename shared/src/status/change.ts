import type { Node } from 'prosemirror-model';
import type { EditorState, Transaction } from 'prosemirror-state';
import type { DelegationId } from '../ids.ts';
import { MarkName } from '../schema.ts';
import { type ParagraphStatus, parsePackageName, STATUS_NODES, statusAttr, statusOf } from './model.ts';

/**
 * The chair's status changes (SS2–SS5) as editor transactions: block attributes of the paragraphs, so a status
 * change is one undo step of the chair's editor and syncs like any edit.
 */

/** Why a paragraph cannot take a status, for the interface to say (SS4). */
export type StatusRefusal = 'brackets' | 'open-proposals' | 'not-a-paragraph';

/** Human sentences for each refusal. */
export const STATUS_REFUSAL: Record<StatusRefusal, string> = {
  brackets: 'A paragraph with brackets cannot be agreed: resolve its brackets first.',
  'open-proposals': 'A paragraph with open proposals cannot be agreed: decide them first.',
  'not-a-paragraph': 'Only paragraphs have a status.',
};

/** A paragraph with its position. */
export interface StatusBlock {
  readonly node: Node;
  readonly pos: number;
}

/** Every paragraph (and preambular paragraph) of `doc`, in order. */
export function statusBlocks(doc: Node): StatusBlock[] {
  const out: StatusBlock[] = [];
  doc.descendants((node, pos) => {
    if (STATUS_NODES.includes(node.type.name)) {
      out.push({ node, pos });
      return false;
    }
    return true;
  });
  return out;
}

/** SS4: whether `node` holds a bracket or a proposal mark / block attribute that `isOpen` says is open. */
export function agreementBlocker(node: Node, isOpen: (proposal: string) => boolean): StatusRefusal | null {
  let found: StatusRefusal | null = null;
  const visit = (child: Node) => {
    if (found) return false;
    if (child.attrs.bracket) found = 'brackets';
    for (const key of ['inserted', 'deleted'] as const) {
      const proposal = child.attrs[key] as string | null | undefined;
      if (proposal && isOpen(proposal)) found = 'open-proposals';
    }
    for (const mark of child.marks) {
      if (mark.type.name === MarkName.bracket) found = 'brackets';
      else if (isOpen(String(mark.attrs.proposal))) found ??= 'open-proposals';
    }
    return !found;
  };
  visit(node);
  node.descendants(visit);
  return found;
}

/** The paragraphs of `block`'s package (itself alone when it has none). */
export function packageOf(doc: Node, block: StatusBlock): StatusBlock[] {
  const name = parsePackageName(block.node.attrs.package);
  if (!name) return [block];
  return statusBlocks(doc).filter((other) => parsePackageName(other.node.attrs.package) === name);
}

/**
 * SS2–SS5: sets the status of the paragraph at `pos` and of every paragraph of its package; `pending` only
 * with `informals`. Returns the transaction, or the refusal of the first paragraph that cannot be agreed.
 */
export function setParagraphStatus(
  state: EditorState,
  pos: number,
  status: ParagraphStatus,
  isOpenProposal: (proposal: string) => boolean,
  pending: readonly DelegationId[] = [],
): Transaction | StatusRefusal {
  const node = state.doc.nodeAt(pos);
  if (!node || !STATUS_NODES.includes(node.type.name)) return 'not-a-paragraph';
  const blocks = packageOf(state.doc, { node, pos });
  if (status !== 'open') {
    for (const block of blocks) {
      const refusal = agreementBlocker(block.node, isOpenProposal);
      if (refusal) return refusal;
    }
  }
  const tr = state.tr;
  for (const block of blocks) {
    tr.setNodeMarkup(block.pos, undefined, {
      ...block.node.attrs,
      status: statusAttr(status),
      pending: status === 'informals' && pending.length > 0 ? pending.join(' ') : null,
    });
  }
  return tr;
}

/**
 * SS5: ties the paragraphs at `positions` into the package `name` (or unties them with null). Tied paragraphs
 * take the status of the first one, so the package never starts split.
 */
export function setPackage(
  state: EditorState,
  positions: readonly number[],
  name: string | null,
): Transaction | null {
  const packageName = name === null ? null : parsePackageName(name);
  if (name !== null && !packageName) return null;
  const blocks = positions
    .map((pos) => ({ pos, node: state.doc.nodeAt(pos) }))
    .filter(
      (block): block is StatusBlock => block.node !== null && STATUS_NODES.includes(block.node.type.name),
    );
  if (blocks.length === 0) return null;
  const first = blocks[0]!.node;
  const tr = state.tr;
  for (const block of blocks) {
    tr.setNodeMarkup(block.pos, undefined, {
      ...block.node.attrs,
      package: packageName,
      status: packageName ? (first.attrs.status ?? null) : block.node.attrs.status,
      pending: packageName ? (first.attrs.pending ?? null) : block.node.attrs.pending,
    });
  }
  return tr;
}

/** SS5: the packages of `doc` whose paragraphs do not share one status (names), for the server's check. */
export function splitPackages(doc: Node): string[] {
  const seen = new Map<string, string>();
  const split = new Set<string>();
  for (const block of statusBlocks(doc)) {
    const name = parsePackageName(block.node.attrs.package);
    if (!name) continue;
    const status = statusOf(block.node);
    const first = seen.get(name);
    if (first === undefined) seen.set(name, status);
    else if (first !== status) split.add(name);
  }
  return [...split];
}

import {
  type DelegationId,
  type ParagraphStatus,
  parsePackageName,
  STATUS_LABEL,
  STATUS_REFUSAL,
  setPackage,
  setParagraphStatus,
  statusBlockAt,
  statusBlocks,
  statusOf,
} from '@travaux/shared';
import type { EditorState, Transaction } from 'prosemirror-state';
import { asStatusChange } from './status-plugin.ts';

/** The paragraph at the caret whose status the chair can change, with its position; null outside any. */
export function paragraphAtCaret(state: EditorState) {
  return statusBlockAt(state.selection.$head);
}

/**
 * SS2–SS5: the chair sets the status of the paragraph at the caret (and its package). Returns the transaction
 * to dispatch (marked as a status change for the SS3 filter), or the human reason it is refused.
 */
export function changeStatus(
  state: EditorState,
  status: ParagraphStatus,
  isOpenProposal: (id: string) => boolean,
  pending: readonly DelegationId[] = [],
): Transaction | string {
  const block = paragraphAtCaret(state);
  if (!block) return STATUS_REFUSAL['not-a-paragraph'];
  const result = setParagraphStatus(state, block.pos, status, isOpenProposal, pending);
  return typeof result === 'string' ? STATUS_REFUSAL[result] : asStatusChange(result);
}

/** SS5: ties the paragraph at the caret into the package `name` (null unties it). */
export function changePackage(state: EditorState, name: string | null): Transaction | string {
  const block = paragraphAtCaret(state);
  if (!block) return STATUS_REFUSAL['not-a-paragraph'];
  const wanted = name === null ? null : parsePackageName(name);
  if (name !== null && !wanted) return 'A package name has 1 to 40 characters, without braces or semicolons.';
  const members = wanted
    ? statusBlocks(state.doc).filter(
        (other) => other.pos !== block.pos && parsePackageName(other.node.attrs.package) === wanted,
      )
    : [];
  // SS5: a package never starts split, so a paragraph joins one only with the package's status.
  const status = statusOf(block.node);
  if (members.length > 0 && statusOf(members[0]!.node) !== status)
    return `Package ${wanted} is ${STATUS_LABEL[statusOf(members[0]!.node)].toLowerCase()}: give this paragraph that status first.`;
  const tr = setPackage(state, [...members.map((m) => m.pos), block.pos], wanted);
  return tr ? asStatusChange(tr) : STATUS_REFUSAL['not-a-paragraph'];
}

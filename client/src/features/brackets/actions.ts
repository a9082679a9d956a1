import {
  agreeBrackets,
  type DelegationId,
  dropBracket,
  liftBracket,
  mergeOptions,
  newBracketId,
  pickOption,
} from '@travaux/shared';
import type * as Y from 'yjs';
import { DECISION_ORIGIN } from '../proposals/actions.ts';

/** Who resolves, as the records keep it. */
export interface Decider {
  readonly personId: string;
  readonly name: string;
}

/** A chair's resolution of a bracket (BR6); each is one Yjs transaction, undone by "Undo last decision". */
export type BracketResolutionRequest =
  | { readonly kind: 'agree'; readonly id: string }
  | { readonly kind: 'pick'; readonly id: string }
  | { readonly kind: 'merge'; readonly key: string; readonly wording: string }
  | { readonly kind: 'drop'; readonly id: string };

/** BR6: carries out the chair's resolution under the decisions' origin; whether anything changed. */
export function resolveBracket(ydoc: Y.Doc, request: BracketResolutionRequest, by: Decider): boolean {
  switch (request.kind) {
    case 'agree':
      return agreeBrackets(ydoc, [request.id], by, DECISION_ORIGIN).length > 0;
    case 'pick':
      return pickOption(ydoc, request.id, by, DECISION_ORIGIN);
    case 'merge':
      return mergeOptions(ydoc, request.key, request.wording, by, newBracketId(), DECISION_ORIGIN) !== null;
    case 'drop':
      return dropBracket(ydoc, request.id, by, DECISION_ORIGIN);
  }
}

/** BR4: the owner lifts its own bracket. */
export function liftOwnBracket(
  ydoc: Y.Doc,
  id: string,
  by: Decider & { readonly delegation: DelegationId | null },
): boolean {
  return liftBracket(ydoc, id, by);
}

import {
  bracketsMap,
  type DelegationId,
  decideProposals,
  type ProposalRecord,
  positionKey,
  positionsMap,
  proposalsMap,
  type Stance,
  treatyFragment,
  type Verdict,
} from '@travaux/shared';
import * as Y from 'yjs';

/** Origin of the chair's decisions in the Y.Doc: one undo step each (PR7). */
export const DECISION_ORIGIN = 'travaux:decision';

/** PR5: takes `stance` on a proposal for `delegation`, or withdraws it when it is already taken. */
export function toggleStance(
  ydoc: Y.Doc,
  proposalId: string,
  delegation: DelegationId,
  personId: string,
  stance: Stance,
): void {
  const positions = positionsMap(ydoc);
  const key = positionKey(proposalId, delegation);
  const current = positions.get(key);
  if (current?.stance === stance) positions.delete(key);
  else positions.set(key, { stance, personId, at: new Date().toISOString() });
}

/** PR4: the owner withdraws its open proposal: its text is reverted and the record marked withdrawn. */
export function withdrawProposal(
  ydoc: Y.Doc,
  record: ProposalRecord,
  by: { personId: string; name: string },
): void {
  decideProposals(ydoc, [record.id], 'withdraw', by);
}

/** PR4: the owner sets the explanatory note of its open proposal. */
export function setNote(ydoc: Y.Doc, record: ProposalRecord, note: string): void {
  proposalsMap(ydoc).set(record.id, { ...record, note: note.slice(0, 2000) });
}

/**
 * The chair's decisions on proposals and brackets (BR6), each one undo step; `undo()` reverts the last one
 * (text and records together).
 */
export class Decisions {
  readonly undoManager: Y.UndoManager;

  constructor(private readonly ydoc: Y.Doc) {
    this.undoManager = new Y.UndoManager([treatyFragment(ydoc), proposalsMap(ydoc), bracketsMap(ydoc)], {
      trackedOrigins: new Set([DECISION_ORIGIN]),
      captureTimeout: 0,
    });
  }

  decide(ids: readonly string[], verdict: Verdict, by: { personId: string; name: string }): number {
    return decideProposals(this.ydoc, ids, verdict, by, DECISION_ORIGIN).length;
  }

  get canUndo(): boolean {
    return this.undoManager.undoStack.length > 0;
  }

  undo(): void {
    this.undoManager.undo();
  }

  destroy(): void {
    this.undoManager.destroy();
  }
}

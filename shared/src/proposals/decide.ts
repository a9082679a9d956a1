import * as Y from 'yjs';
import { treatyFromYDoc } from '../convert.ts';
import { locationLabel } from '../locate.ts';
import { treatyFragment } from '../ydoc.ts';
import { type Decision, type ProposalRecord, parseProposalRecord, proposalsMap } from './model.ts';
import { scanProposals } from './scan.ts';

/** The chair's decision on proposals (PR7), or the owner's withdrawal (PR4: reverted like a rejection). */
export type Verdict = 'accept' | 'reject' | 'supersede' | 'withdraw';

/** Who decides, for the record. */
export interface Decider {
  readonly personId: string;
  readonly name: string;
}

type TextOp = {
  text: Y.XmlText;
  index: number;
  length: number;
  op: 'unmark-insertion' | 'unmark-deletion' | 'delete';
};

/**
 * PR7: accepts or rejects the open proposals `ids` in one Yjs transaction (one undo step for an UndoManager that
 * tracks `origin`). Accepting keeps inserted text and blocks and removes what was proposed for deletion;
 * rejecting does the reverse. Each record becomes accepted or rejected with a `decision` that keeps its text
 * and location, so the history survives. `supersede` is the chair's too: reverted like a rejection, recorded
 * as superseded (by compromise wording the chair writes). `withdraw` is the owner's: reverted like a rejection, status
 * withdrawn, no decision (PR4). Returns the ids actually decided (open ones only).
 */
export function decideProposals(
  ydoc: Y.Doc,
  ids: readonly string[],
  verdict: Verdict,
  by: Decider,
  origin: unknown = null,
  now = new Date(),
): string[] {
  const records = proposalsMap(ydoc);
  const open = ids
    .map((id) => parseProposalRecord(records.get(id)))
    .filter((record): record is ProposalRecord => record?.status === 'open');
  if (open.length === 0) return [];
  const chosen = new Set(open.map((record) => record.id));
  const spans = scanProposals(treatyFromYDoc(ydoc));

  const textOps: TextOp[] = [];
  const removals: Y.XmlElement[] = [];
  const unset: { element: Y.XmlElement; key: 'inserted' | 'deleted' }[] = [];
  const visit = (type: Y.XmlElement | Y.XmlFragment) => {
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlText) {
        let index = 0;
        for (const op of child.toDelta() as {
          insert: string;
          attributes?: Record<string, { proposal?: string }>;
        }[]) {
          const length = typeof op.insert === 'string' ? op.insert.length : 1;
          const insertion = op.attributes?.insertion?.proposal;
          const deletion = op.attributes?.deletion?.proposal;
          if (insertion && chosen.has(insertion)) {
            textOps.push({
              text: child,
              index,
              length,
              op: verdict === 'accept' ? 'unmark-insertion' : 'delete',
            });
          }
          if (deletion && chosen.has(deletion)) {
            // Text that another, undecided proposal inserted inside an accepted deletion stays for that proposal.
            const keep = insertion !== undefined && !chosen.has(insertion);
            textOps.push({
              text: child,
              index,
              length,
              op: verdict === 'accept' && !keep ? 'delete' : 'unmark-deletion',
            });
          }
          index += length;
        }
      } else if (child instanceof Y.XmlElement) {
        const inserted = child.getAttribute('inserted') as string | undefined;
        const deleted = child.getAttribute('deleted') as string | undefined;
        const goes =
          (inserted && chosen.has(inserted) && verdict !== 'accept') ||
          (deleted && chosen.has(deleted) && verdict === 'accept');
        if (goes) {
          removals.push(child);
          continue;
        }
        if (inserted && chosen.has(inserted)) unset.push({ element: child, key: 'inserted' });
        if (deleted && chosen.has(deleted)) unset.push({ element: child, key: 'deleted' });
        visit(child);
      }
    }
  };
  visit(treatyFragment(ydoc));

  // A withdrawal reverts the text exactly as a rejection does.
  const accepting = verdict === 'accept';
  ydoc.transact(() => {
    // Right to left within each text, so earlier indexes stay valid.
    for (const { text, index, length, op } of [...textOps].reverse()) {
      if (op === 'delete') text.delete(index, length);
      else text.format(index, length, { [op === 'unmark-insertion' ? 'insertion' : 'deletion']: null });
    }
    for (const { element, key } of unset) element.removeAttribute(key);
    for (const element of removals) {
      const parent = element.parent as Y.XmlElement | Y.XmlFragment;
      const index = parent.toArray().indexOf(element);
      if (index >= 0) parent.delete(index, 1);
    }
    for (const record of open) {
      const span = spans.get(record.id);
      const decision: Decision = {
        by: by.personId,
        byName: by.name,
        at: now.toISOString(),
        location: span ? locationLabel(span) : '',
        inserted: span?.inserted ?? '',
        deleted: span?.deleted ?? '',
        ...(span && span.blockIds.length > 0 ? { blocks: span.blockIds } : {}),
      };
      if (verdict === 'withdraw') records.set(record.id, { ...record, status: 'withdrawn' });
      else {
        const status = accepting ? 'accepted' : verdict === 'supersede' ? 'superseded' : 'rejected';
        records.set(record.id, { ...record, status, decision });
      }
    }
  }, origin);
  return open.map((record) => record.id);
}

import type { DocumentId } from '@travaux/shared';
import { useEffect, useState } from 'react';
import { describeApiError } from '../../api/api-error.ts';
import { fetchShapeProblems, repairDocument, type ShapeRepairStep } from '../../api/documents.ts';

/**
 * SH10: for the chair, a notice when the stored document holds structure from before the shape check: how many
 * problems, each with its location (in a disclosure), and a Repair button that rewrites the structure keeping
 * every character (one audited action). Renders nothing when there is nothing to repair.
 */
export function RepairNotice({ documentId }: { documentId: DocumentId }) {
  const [problems, setProblems] = useState<ShapeRepairStep[]>([]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void fetchShapeProblems(documentId).then((result) => {
      if (live && result.ok) setProblems(result.value);
    });
    return () => {
      live = false;
    };
  }, [documentId]);

  const repair = async () => {
    setBusy(true);
    const result = await repairDocument(documentId);
    setBusy(false);
    if (!result.ok) {
      setOutcome(`The repair failed: ${describeApiError(result.error)}`);
      return;
    }
    setProblems(result.value.problems);
    setOutcome(
      `Repaired ${result.value.repaired.length} problem${result.value.repaired.length === 1 ? '' : 's'}; every character of the text was kept.`,
    );
  };

  if (problems.length === 0)
    return outcome ? (
      <p className="repair-notice" role="status">
        {outcome}
      </p>
    ) : null;
  const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  return (
    <section className="repair-notice" aria-labelledby="repair-notice-title">
      <h2 id="repair-notice-title" className="repair-notice-title">
        This document’s stored structure has {count}
      </h2>
      <p>
        It was stored before the server checked the shape of the text. Repairing moves misplaced blocks to the
        nearest place that takes them and keeps every character; the repair is recorded in the audit log.
      </p>
      <details>
        <summary>Show the {count}</summary>
        <ul>
          {problems.map((problem, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered.
            <li key={index}>
              <strong>{problem.location}</strong>: {problem.message} ({problem.rule})
            </li>
          ))}
        </ul>
      </details>
      <button type="button" onClick={() => void repair()} disabled={busy} aria-busy={busy}>
        {busy ? 'Repairing…' : 'Repair the structure'}
      </button>
      {outcome && <p role="status">{outcome}</p>}
    </section>
  );
}

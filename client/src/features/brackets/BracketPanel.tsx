import type { BracketScan } from '@travaux/shared';
import { useId, useMemo } from 'react';
import { excerpt } from '../../app/excerpt.ts';
import type { BracketResolutionRequest } from './actions.ts';
import {
  type BracketViewer,
  countsText,
  historyRows,
  type OpenBracketRow,
  openBracketRows,
} from './bracket-list.ts';
import type { BracketRecords } from './bracket-store.ts';

interface BracketPanelProps {
  readonly scan: BracketScan | null;
  readonly records: BracketRecords;
  readonly viewer: BracketViewer;
  readonly onGo: (pos: number) => void;
  /** Chair only (BR6). */
  readonly onResolve?: (request: BracketResolutionRequest) => void;
  /** Chair only: opens the merge dialog for a group (BR6). */
  readonly onMerge?: (key: string) => void;
  /** The owner lifts its bracket (BR4). */
  readonly onLift?: (id: string) => void;
  /** The owner writes the reason of its bracket (BR2). */
  readonly onReason?: (id: string, reason: string) => void;
}

/**
 * The brackets of the text by article with their counts (BR8): owner, reason, text and option numbers; the
 * chair agrees, picks, merges or drops, an owner lifts its own; then the history of resolved brackets with
 * their provenance (BR7).
 */
export function BracketPanel(props: BracketPanelProps) {
  const { scan, records, viewer } = props;
  const ids = useId();
  const articles = useMemo(
    () => (scan ? openBracketRows(scan, records, viewer) : []),
    [scan, records, viewer],
  );
  const history = useMemo(() => historyRows(records), [records]);
  return (
    <section className="panel brackets" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Brackets</h2>
      {articles.length === 0 ? (
        <p className="muted">No brackets in the text.</p>
      ) : (
        articles.map((article) => (
          <section key={article.key} className="bracket-article" aria-label={article.label}>
            <h3>
              {article.label} <span className="bracket-counts-small">{countsText(article.counts)}</span>
            </h3>
            <ol className="bracket-list" aria-label={`Brackets of ${article.label}`}>
              {article.rows.map((row) => (
                <BracketItem key={row.id} row={row} {...props} />
              ))}
            </ol>
          </section>
        ))
      )}
      <details className="bracket-history" open={history.length > 0}>
        <summary>History ({history.length})</summary>
        {history.length === 0 ? (
          <p className="muted">No bracket resolved yet.</p>
        ) : (
          <ol className="bracket-list" aria-label="Resolved brackets">
            {history.map((row) => (
              <li key={row.id} className="bracket-resolved">
                <p className="bracket-line">
                  {row.option !== null ? `Option ${row.option}` : 'Bracket'} of {row.owner}: {row.outcome}
                </p>
                <p className="bracket-meta">{row.location}</p>
                <p className="bracket-text">“{excerpt(row.text)}”</p>
                {row.provenance && <p className="bracket-provenance">Text {row.provenance}</p>}
              </li>
            ))}
          </ol>
        )}
      </details>
    </section>
  );
}

function BracketItem({
  row,
  onGo,
  onResolve,
  onMerge,
  onLift,
  onReason,
}: BracketPanelProps & { row: OpenBracketRow }) {
  const reasonId = useId();
  return (
    <li className={`bracket-row depth-${Math.min(row.depth, 4)}`} data-bracket-row={row.id}>
      <p className="bracket-line">
        {row.label} · {row.owner}
        {row.depth > 1 && <span className="muted"> · nested (depth {row.depth})</span>}
      </p>
      <p className="bracket-meta">{row.location}</p>
      {row.reason && <p className="bracket-reason">Reason: {row.reason}</p>}
      <p className="bracket-text">[{excerpt(row.text)}]</p>
      {row.provenance && <p className="bracket-provenance">Text {row.provenance}</p>}
      <div className="bracket-actions">
        <button type="button" onClick={() => onGo(row.pos)}>
          Show<span className="visually-hidden"> bracket in the text</span>
        </button>
        {onResolve && row.canAgree && (
          <button type="button" onClick={() => onResolve({ kind: 'agree', id: row.id })}>
            Agree (remove brackets)
          </button>
        )}
        {onResolve && row.canPick && (
          <button type="button" onClick={() => onResolve({ kind: 'pick', id: row.id })}>
            Pick this option
          </button>
        )}
        {onMerge && row.canMerge && (
          <button type="button" onClick={() => onMerge(row.key)}>
            Merge options…
          </button>
        )}
        {onResolve && row.canDrop && (
          <button type="button" onClick={() => onResolve({ kind: 'drop', id: row.id })}>
            Drop<span className="visually-hidden"> the bracketed text</span>
          </button>
        )}
        {onLift && row.canLift && (
          <button type="button" onClick={() => onLift(row.id)}>
            Lift my bracket
          </button>
        )}
      </div>
      {onReason && row.canEditReason && (
        <details className="bracket-reason-edit">
          <summary>{row.reason ? 'Change the reason' : 'Give a reason'}</summary>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              const input = event.currentTarget.elements.namedItem('reason') as HTMLInputElement;
              onReason(row.id, input.value);
            }}
          >
            <label htmlFor={reasonId}>Reason for this bracket</label>
            <input id={reasonId} name="reason" defaultValue={row.reason} maxLength={500} />
            <button type="submit">Save reason</button>
          </form>
        </details>
      )}
    </li>
  );
}

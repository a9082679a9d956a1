import { type DelegationId, delegationById, GROUPS, PROPOSAL_STATUSES, type Stance } from '@travaux/shared';
import type { Node } from 'prosemirror-model';
import { useId, useMemo, useState } from 'react';
import type { Principal } from '../../api/session.ts';
import { excerpt } from '../../app/excerpt.ts';
import {
  filterRows,
  NO_FILTER,
  type ProposalFilter,
  type ProposalRow,
  proposalRows,
} from './proposal-list.ts';
import type { ProposalInfo } from './proposal-store.ts';

interface ProposalPanelProps {
  readonly doc: Node | null;
  readonly info: ProposalInfo;
  readonly principal: Principal;
  /** Moves the caret to a proposal in the text. */
  readonly onGo: (pos: number) => void;
  readonly onStance: (proposalId: string, stance: Stance) => void;
  readonly onWithdraw: (proposalId: string) => void;
  /** The owner's explanatory note. */
  readonly onNote: (proposalId: string, note: string) => void;
  /** Chair only: decides proposals (one undoable step). */
  readonly onDecide?: (ids: readonly string[], verdict: 'accept' | 'reject' | 'supersede') => void;
  readonly onUndoDecision?: () => void;
  readonly canUndoDecision?: boolean;
}

const STANCE_LABELS: Record<Stance, string> = {
  support: 'Support',
  oppose: 'Oppose',
  cosponsor: 'Co-sponsor',
};

/**
 * The proposals of the document: filterable by delegation, group, status and article, each with its attribution
 * formula; delegations support, oppose or co-sponsor with one action, owners withdraw, the chair accepts or
 * rejects one proposal or every proposal shown (a delegation's, a group's, an article's, the whole text's).
 */
export function ProposalPanel(props: ProposalPanelProps) {
  const { doc, info, principal } = props;
  const ids = useId();
  const [filter, setFilter] = useState<ProposalFilter>(NO_FILTER);
  const rows = useMemo(() => (doc ? proposalRows(doc, info) : []), [doc, info]);
  const shown = useMemo(() => filterRows(rows, filter), [rows, filter]);
  const delegations = useMemo(
    () =>
      [
        ...new Set(rows.map((row) => row.record.delegation).filter((d): d is DelegationId => d !== null)),
      ].sort(),
    [rows],
  );
  const articles = useMemo(
    () => [...new Set(rows.map((row) => row.location.split(',')[0]!).filter(Boolean))],
    [rows],
  );
  const openShown = shown.filter((row) => row.record.status === 'open').map((row) => row.record.id);
  const isChair = principal.role === 'chair';
  const set = (patch: Partial<ProposalFilter>) => setFilter((current) => ({ ...current, ...patch }));

  return (
    <section className="panel proposals" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Proposals</h2>
      <div className="proposal-filters">
        <label htmlFor={`${ids}-delegation`}>Delegation</label>
        <select
          id={`${ids}-delegation`}
          value={filter.delegation ?? ''}
          onChange={(e) => set({ delegation: (e.target.value || null) as ProposalFilter['delegation'] })}
        >
          <option value="">All delegations</option>
          <option value="CHAIR">The Chair</option>
          {delegations.map((d) => (
            <option key={d} value={d}>
              {delegationById(d)?.name ?? d}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-group`}>Group</label>
        <select
          id={`${ids}-group`}
          value={filter.group ?? ''}
          onChange={(e) => set({ group: e.target.value || null })}
        >
          <option value="">Any group</option>
          {GROUPS.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-status`}>Status</label>
        <select
          id={`${ids}-status`}
          value={filter.status ?? ''}
          onChange={(e) => set({ status: (e.target.value || null) as ProposalFilter['status'] })}
        >
          <option value="">Any status</option>
          {PROPOSAL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-article`}>Article</label>
        <select
          id={`${ids}-article`}
          value={filter.article ?? ''}
          onChange={(e) => set({ article: e.target.value || null })}
        >
          <option value="">Whole text</option>
          {articles.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </div>
      {isChair && props.onDecide && (
        <fieldset className="proposal-bulk">
          <legend className="visually-hidden">Decide the proposals shown</legend>
          <button
            type="button"
            disabled={openShown.length === 0}
            onClick={() => props.onDecide!(openShown, 'accept')}
          >
            Accept all shown ({openShown.length})
          </button>
          <button
            type="button"
            disabled={openShown.length === 0}
            onClick={() => props.onDecide!(openShown, 'reject')}
          >
            Reject all shown
          </button>
          <button type="button" disabled={!props.canUndoDecision} onClick={props.onUndoDecision}>
            Undo last decision
          </button>
        </fieldset>
      )}
      {shown.length === 0 ? (
        <p className="muted">No proposals match.</p>
      ) : (
        <ol className="proposal-list" aria-label="Proposals">
          {shown.map((row) => (
            <ProposalItem key={row.record.id} row={row} {...props} />
          ))}
        </ol>
      )}
    </section>
  );
}

function ProposalItem({
  row,
  info,
  principal,
  onGo,
  onStance,
  onWithdraw,
  onNote,
  onDecide,
}: ProposalPanelProps & { row: ProposalRow }) {
  const { record } = row;
  const own = principal.role === 'delegate' && record.delegation === principal.delegation;
  const mine = principal.delegation
    ? info.positions.get(record.id)?.get(principal.delegation)?.stance
    : undefined;
  const open = record.status === 'open';
  return (
    <li className={`proposal proposal-${record.status}`} data-proposal={record.id}>
      <p className="proposal-line">{row.line}</p>
      <p className="proposal-meta">
        <span className="proposal-kind">{row.kind === 'empty' ? 'proposal' : row.kind}</span>
        {row.location && <span> · {row.location}</span>}
        <span className={`proposal-status status-${record.status}`}> · {record.status}</span>
      </p>
      {row.deleted && (
        <p className="proposal-text">
          <span className="visually-hidden">Deletes: </span>
          <del>{excerpt(row.deleted)}</del>
        </p>
      )}
      {row.inserted && (
        <p className="proposal-text">
          <span className="visually-hidden">Inserts: </span>
          <ins>{excerpt(row.inserted)}</ins>
        </p>
      )}
      {row.competing.length > 0 && (
        <p className="proposal-competing">
          Competes with{' '}
          {row.competing.map((d) => (d === null ? 'the Chair' : (delegationById(d)?.name ?? d))).join(', ')}
        </p>
      )}
      {record.note && <p className="proposal-note">Note: {record.note}</p>}
      {open && own && (
        <NoteEditor key={record.note} note={record.note} onSave={(note) => onNote(record.id, note)} />
      )}
      <div className="proposal-actions">
        {row.pos !== null && (
          <button type="button" onClick={() => onGo(row.pos!)}>
            Show<span className="visually-hidden"> proposal in the text</span>
          </button>
        )}
        {open &&
          principal.role === 'delegate' &&
          !own &&
          (['support', 'oppose', 'cosponsor'] as const).map((stance) => (
            <button
              key={stance}
              type="button"
              aria-pressed={mine === stance}
              onClick={() => onStance(record.id, stance)}
            >
              {STANCE_LABELS[stance]}
            </button>
          ))}
        {open && own && (
          <button type="button" onClick={() => onWithdraw(record.id)}>
            Withdraw
          </button>
        )}
        {open && principal.role === 'chair' && onDecide && (
          <>
            <button type="button" className="accept" onClick={() => onDecide([record.id], 'accept')}>
              Accept
            </button>
            <button type="button" className="reject" onClick={() => onDecide([record.id], 'reject')}>
              Reject
            </button>
            <button
              type="button"
              title="Revert it and record it as superseded, e.g. by compromise wording of the Chair"
              onClick={() => onDecide([record.id], 'supersede')}
            >
              Superseded
            </button>
          </>
        )}
      </div>
    </li>
  );
}

/** The owner's explanatory note of a proposal: a small form under the proposal. */
function NoteEditor({ note, onSave }: { note: string; onSave: (note: string) => void }) {
  const id = useId();
  const [text, setText] = useState(note);
  return (
    <details className="proposal-note-editor">
      <summary>{note ? 'Edit the note' : 'Add an explanatory note'}</summary>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSave(text.trim());
        }}
      >
        <label htmlFor={id}>Explanatory note</label>
        <textarea id={id} rows={3} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit">Save note</button>
      </form>
    </details>
  );
}

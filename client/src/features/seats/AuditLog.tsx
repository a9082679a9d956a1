import { DELEGATIONS } from '@travaux/shared';
import { useCallback, useEffect, useId, useState } from 'react';
import { type ApiError, describeApiError } from '../../api/api-error.ts';
import { type AuditEntry, fetchAudit, type SeatPerson } from '../../api/seats.ts';
import { AUDIT_ACTIONS, auditActionWords, auditActorWords, auditDetailWords } from './seat-roster.ts';

const PAGE = 100;
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'medium',
});

/**
 * The audit log with filters (issue 20): by action, delegation and person, oldest first, a page at a time
 * ("Show more" reads on from the last line shown). The filters are the server's (AC12), so a page is never a
 * filtered fraction of a larger one.
 */
export function AuditLog({
  people,
  names,
  version,
}: {
  people: readonly SeatPerson[];
  /** How known ids read (seats, people). */
  names: ReadonlyMap<string, string>;
  /** Changes when the roster is reloaded: the log is read again from the start. */
  version: number;
}) {
  const ids = useId();
  const [action, setAction] = useState('');
  const [delegation, setDelegation] = useState('');
  const [person, setPerson] = useState('');
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(
    async (after: number, append: boolean) => {
      setLoading(true);
      const result = await fetchAudit({ action, delegation, person, after, limit: PAGE });
      setLoading(false);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setEntries((old) => (append ? [...old, ...result.value] : result.value));
      setMore(result.value.length === PAGE);
    },
    [action, delegation, person],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the reload trigger.
  useEffect(() => {
    void load(0, false);
  }, [load, version]);

  return (
    <section className="seats-audit" aria-labelledby={`${ids}-heading`}>
      <h2 className="seats-heading" id={`${ids}-heading`}>
        Audit log
      </h2>
      <fieldset className="audit-filters">
        <legend className="visually-hidden">Filter the audit log</legend>
        <div>
          <label htmlFor={`${ids}-action`}>Action</label>
          <select id={`${ids}-action`} value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {auditActionWords(a)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${ids}-delegation`}>Delegation</label>
          <select id={`${ids}-delegation`} value={delegation} onChange={(e) => setDelegation(e.target.value)}>
            <option value="">All delegations</option>
            {DELEGATIONS.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${ids}-person`}>Person</label>
          <select id={`${ids}-person`} value={person} onChange={(e) => setPerson(e.target.value)}>
            <option value="">Everyone</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      {error && (
        <p className="field-error" role="alert">
          {describeApiError(error)}
        </p>
      )}
      <p className="muted" aria-live="polite">
        {loading
          ? 'Loading…'
          : `${entries.length}${more ? '+' : ''} ${entries.length === 1 ? 'entry' : 'entries'}`}
      </p>
      {entries.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways on a phone must take focus to be scrolled with the keyboard.
        <section className="table-scroll" tabIndex={0} aria-label="Audit entries">
          <table className="revision-table audit-table">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.seq}>
                  <td>
                    <time dateTime={entry.at}>{timeFormat.format(new Date(entry.at))}</time>
                  </td>
                  <td>{auditActorWords(entry)}</td>
                  <td>{auditActionWords(entry.action)}</td>
                  <td className="audit-detail">{auditDetailWords(entry, names)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {more && (
        <button type="button" disabled={loading} onClick={() => load(entries.at(-1)?.seq ?? 0, true)}>
          Show more
        </button>
      )}
    </section>
  );
}

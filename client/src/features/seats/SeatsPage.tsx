import { Action, can } from '@travaux/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { type ApiError, describeApiError } from '../../api/api-error.ts';
import { fetchSeatPeople, fetchSeats, type Seat, type SeatPerson } from '../../api/seats.ts';
import { AppHeader } from '../../app/AppHeader.tsx';
import { usePrincipal } from '../session/principal-context.ts';
import { AuditLog } from './AuditLog.tsx';
import { InviteForm } from './InviteForm.tsx';
import { SeatRoster } from './SeatRoster.tsx';
import { rosterNames } from './seat-roster.ts';

type Roster =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiError }
  | { status: 'loaded'; seats: Seat[]; people: SeatPerson[] };

/**
 * The convenor's Seats page (issue 20): invite, the roster by delegation and role with the people who joined
 * through each link, revoke a link or end one person's session, and the audit log with filters. A chair, who
 * reads the audit log but does not manage the roster (AC2), sees the audit log only.
 */
export function SeatsPage() {
  const principal = usePrincipal();
  const manages = can(principal.role, Action.manageRoster);
  const audits = can(principal.role, Action.readAudit);
  const [roster, setRoster] = useState<Roster>({ status: 'loading' });
  const [version, setVersion] = useState(0);

  const reload = useCallback(async () => {
    setVersion((v) => v + 1);
    if (!manages) return;
    const [seats, people] = await Promise.all([fetchSeats(), fetchSeatPeople()]);
    if (!seats.ok) setRoster({ status: 'failed', error: seats.error });
    else if (!people.ok) setRoster({ status: 'failed', error: people.error });
    else setRoster({ status: 'loaded', seats: seats.value, people: people.value });
  }, [manages]);

  useEffect(() => {
    document.title = 'Seats — Travaux';
    void reload();
  }, [reload]);

  const people = roster.status === 'loaded' ? roster.people : [];
  const names = useMemo(
    () => (roster.status === 'loaded' ? rosterNames(roster.seats, roster.people) : new Map<string, string>()),
    [roster],
  );
  return (
    <>
      <AppHeader />
      <main id="main" className="page seats-page">
        <h1>Seats</h1>
        <p className="muted negotiation-name">{principal.negotiation.title}</p>
        {!manages && !audits && <p role="alert">Only the convenor manages the seats of this negotiation.</p>}
        {manages && <InviteForm onIssued={reload} />}
        {manages && roster.status === 'loading' && <p className="muted">Loading the roster…</p>}
        {manages && roster.status === 'failed' && (
          <div className="error-block" role="alert">
            <p>{describeApiError(roster.error)}</p>
            <button type="button" onClick={reload}>
              Try again
            </button>
          </div>
        )}
        {manages && roster.status === 'loaded' && (
          <SeatRoster
            seats={roster.seats}
            people={roster.people}
            onChanged={reload}
            selfId={principal.personId}
          />
        )}
        {audits && <AuditLog people={people} names={names} version={version} />}
      </main>
    </>
  );
}

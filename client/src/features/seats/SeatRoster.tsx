import { useState } from 'react';
import { type ApiResult, describeApiError } from '../../api/api-error.ts';
import { endPersonSession, revokeSeat, type Seat, type SeatPerson } from '../../api/seats.ts';
import { CopyLink } from './CopyLink.tsx';
import { rosterGroups, seatState, seatStateWords, seatTitle, usageWords } from './seat-roster.ts';

const timeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const when = (iso: string) => <time dateTime={iso}>{timeFormat.format(new Date(iso))}</time>;

/**
 * The roster by delegation and role (issue 20): each seat with its state, how many people used its link, Copy
 * and Revoke, and the people who signed in through it, each with "End session". Revoking and ending ask for a
 * confirmation in place (no modal), so the keyboard stays where it was.
 */
export function SeatRoster({
  seats,
  people,
  onChanged,
  selfId,
}: {
  seats: readonly Seat[];
  people: readonly SeatPerson[];
  onChanged: () => void;
  /** The convenor's own person id: their own session has no "End session" (they would lock themselves out). */
  selfId: string;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const now = Date.now();
  const act = async (action: () => Promise<ApiResult<unknown>>, done: string) => {
    const result = await action();
    setConfirming(null);
    if (result.ok) {
      setMessage(done);
      onChanged();
    } else setMessage(describeApiError(result.error));
  };
  const groups = rosterGroups(seats, people);
  return (
    <section className="seats-roster" aria-labelledby="seats-roster-heading">
      <div className="seats-roster-head">
        <h2 className="seats-heading" id="seats-roster-heading">
          Roster
        </h2>
        <button type="button" onClick={onChanged}>
          Refresh
        </button>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {message}
      </p>
      {groups.length === 0 && <p className="muted">No invitations yet.</p>}
      {groups.map((group) => (
        <section key={group.key} className="seats-group" aria-labelledby={`group-${group.key}`}>
          <h3 id={`group-${group.key}`}>{group.title}</h3>
          <ul className="seats-list">
            {group.seats.map(({ seat, people: joined }) => {
              const state = seatState(seat, now);
              const title = `${seatTitle(seat)}${group.key.startsWith('delegation-') ? `, ${group.title}` : ''}`;
              return (
                <li key={seat.id} className={`seat seat-${state}`}>
                  <div className="seat-line">
                    <span className="seat-title">{seatTitle(seat)}</span>
                    <span className={`seat-state state-${state}`}>{seatStateWords(state)}</span>
                    <span className="muted seat-usage">{usageWords(seat)}</span>
                    <span className="muted seat-expiry">
                      {state === 'expired' ? 'Expired ' : 'Until '}
                      {when(seat.expiresAt)}
                    </span>
                    {state !== 'revoked' && state !== 'expired' && (
                      <span className="seat-actions">
                        <CopyLink url={seat.url} label={`link for ${title}`} showField={false} />
                        {confirming === seat.id ? (
                          <>
                            <button
                              type="button"
                              className="danger"
                              onClick={() => act(() => revokeSeat(seat.id), `Revoked: ${title}`)}
                            >
                              Confirm: revoke and sign out its people
                            </button>
                            <button type="button" onClick={() => setConfirming(null)}>
                              Cancel
                            </button>
                          </>
                        ) : (
                          <button
                            type="button"
                            aria-label={`Revoke ${title}`}
                            onClick={() => setConfirming(seat.id)}
                          >
                            Revoke
                          </button>
                        )}
                      </span>
                    )}
                  </div>
                  {joined.length > 0 && (
                    <ul className="seat-people" aria-label={`People who joined as ${title}`}>
                      {joined.map((person) => (
                        <li key={person.id} className="seat-person">
                          <span className="seat-person-name">
                            {person.name}
                            {person.id === selfId && <span className="muted"> (you)</span>}
                          </span>
                          <span className="muted">Joined {when(person.createdAt)}</span>
                          {person.endedAt ? (
                            <span className="muted">Session ended {when(person.endedAt)}</span>
                          ) : seat.revokedAt ? (
                            <span className="muted">Signed out by the revocation</span>
                          ) : person.id === selfId ? null : confirming === person.id ? (
                            <>
                              <button
                                type="button"
                                className="danger"
                                onClick={() =>
                                  act(() => endPersonSession(person.id), `Session ended: ${person.name}`)
                                }
                              >
                                Confirm: end {person.name}’s session
                              </button>
                              <button type="button" onClick={() => setConfirming(null)}>
                                Cancel
                              </button>
                            </>
                          ) : (
                            <button
                              type="button"
                              aria-label={`End session of ${person.name}`}
                              onClick={() => setConfirming(person.id)}
                            >
                              End session
                            </button>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </section>
  );
}

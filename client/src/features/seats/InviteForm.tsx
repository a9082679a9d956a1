import { DELEGATIONS, type DelegationId, delegationRule, type Role } from '@travaux/shared';
import { type FormEvent, useId, useState } from 'react';
import { type ApiError, describeApiError } from '../../api/api-error.ts';
import { issueSeat } from '../../api/seats.ts';
import { roleName } from '../session/roles.ts';
import { CopyLink } from './CopyLink.tsx';

const ROLES: readonly Role[] = ['delegate', 'observer', 'chair', 'convenor'];

/**
 * Issues an invitation (issue 20): its role, its delegation (required for a delegate, optional for an observer),
 * a label, how many people may sign in with it (a few by default: the link is a bearer secret) and how long it
 * lasts. The new link is shown with a Copy button.
 */
export function InviteForm({ onIssued }: { onIssued: () => void }) {
  const ids = useId();
  const [role, setRole] = useState<Role>('delegate');
  const [delegation, setDelegation] = useState('');
  const [label, setLabel] = useState('');
  const [people, setPeople] = useState('5');
  const [days, setDays] = useState('14');
  const [error, setError] = useState<ApiError | null>(null);
  const [issued, setIssued] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rule = delegationRule(role);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const maxPeople = Number(people);
    const expiresInHours = Number(days) * 24;
    if (rule === 'required' && delegation === '') {
      setError({ reason: 'invalid-request', message: 'Choose the delegation this delegate sits for.' });
      return;
    }
    setBusy(true);
    setError(null);
    setIssued(null);
    const result = await issueSeat({
      role,
      delegation: rule === 'none' || delegation === '' ? null : (delegation as DelegationId),
      label: label.trim() === '' ? null : label.trim(),
      maxPeople,
      expiresInHours,
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setIssued(result.value.url);
    setLabel('');
    onIssued();
  };

  return (
    <section className="seats-invite" aria-labelledby={`${ids}-heading`}>
      <h2 className="seats-heading" id={`${ids}-heading`}>
        Invite
      </h2>
      <form onSubmit={submit} noValidate className="seats-invite-form">
        <div>
          <label htmlFor={`${ids}-role`}>Role</label>
          <select id={`${ids}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleName(r)}
              </option>
            ))}
          </select>
        </div>
        {rule !== 'none' && (
          <div>
            <label htmlFor={`${ids}-delegation`}>Delegation{rule === 'optional' ? ' (optional)' : ''}</label>
            <select
              id={`${ids}-delegation`}
              value={delegation}
              onChange={(e) => setDelegation(e.target.value)}
              aria-invalid={error && rule === 'required' && delegation === '' ? true : undefined}
            >
              <option value="">{rule === 'required' ? 'Choose…' : 'None'}</option>
              {DELEGATIONS.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label htmlFor={`${ids}-label`}>Label (optional)</label>
          <input
            id={`${ids}-label`}
            value={label}
            maxLength={120}
            placeholder="e.g. Head of delegation"
            onChange={(e) => setLabel(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor={`${ids}-people`}>People allowed</label>
          <input
            id={`${ids}-people`}
            type="number"
            inputMode="numeric"
            min={1}
            max={1000}
            value={people}
            aria-describedby={`${ids}-people-hint`}
            onChange={(e) => setPeople(e.target.value)}
          />
          <p className="hint" id={`${ids}-people-hint`}>
            Anyone with the link can sign in, up to this many people.
          </p>
        </div>
        <div>
          <label htmlFor={`${ids}-days`}>Valid for (days)</label>
          <input
            id={`${ids}-days`}
            type="number"
            inputMode="numeric"
            min={1}
            max={366}
            value={days}
            onChange={(e) => setDays(e.target.value)}
          />
        </div>
        <div className="seats-invite-submit">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Issuing…' : 'Create invitation'}
          </button>
        </div>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {describeApiError(error)}
        </p>
      )}
      {issued && (
        <div className="seats-issued" role="status">
          <p>Invitation created. Send this link to the people it is for; it is a secret.</p>
          <CopyLink url={issued} label="New invitation link" />
        </div>
      )}
    </section>
  );
}

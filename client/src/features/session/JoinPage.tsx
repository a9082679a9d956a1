import { type FormEvent, useEffect, useId, useState } from 'react';
import { useLocation } from 'wouter';
import { type ApiError, describeApiError } from '../../api/api-error.ts';
import { type InvitationPreview, inspectInvitation, openSession } from '../../api/session.ts';
import { MAX_NAME_LENGTH, normaliseName } from './names.ts';
import { seatDescription } from './roles.ts';
import { sessionStore } from './session-store.ts';

type Preview =
  | { readonly status: 'loading' }
  | { readonly status: 'valid'; readonly invitation: InvitationPreview }
  | { readonly status: 'invalid'; readonly error: ApiError };

const expiryFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long' });

/**
 * `/join/:token`: shows what the invitation is for, asks the person's name once, opens the session and goes
 * to the negotiation's documents. The principal is then {person, delegation, role}, stamped by the server.
 */
export function JoinPage({ invitation }: { invitation: string }) {
  const ids = useId();
  const [, navigate] = useLocation();
  const [preview, setPreview] = useState<Preview>({ status: 'loading' });
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    void inspectInvitation(invitation).then((result) => {
      if (!current) return;
      setPreview(
        result.ok
          ? { status: 'valid', invitation: result.value }
          : { status: 'invalid', error: result.error },
      );
    });
    return () => {
      current = false;
    };
  }, [invitation]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const clean = normaliseName(name);
    if (clean === '') return setError('Enter your name.');
    if (clean.length > MAX_NAME_LENGTH) return setError(`Use at most ${MAX_NAME_LENGTH} characters.`);
    setBusy(true);
    setError(null);
    const result = await openSession(invitation, clean);
    setBusy(false);
    if (!result.ok) return setError(describeApiError(result.error));
    sessionStore.signIn(result.value.session);
    // Replace the history entry: the invitation token should not linger in the back button.
    navigate('/', { replace: true });
  };

  return (
    <main className="join" id="main">
      <div className="join-card">
        <p className="brand">Travaux</p>
        {preview.status === 'loading' && <p className="muted">Checking your invitation…</p>}
        {preview.status === 'invalid' && (
          <>
            <h1>This invitation cannot be used</h1>
            <p role="alert" className="field-error">
              {preview.error.reason === 'unauthorized'
                ? 'The link is invalid, has expired or was revoked. Ask the convenor for a new one.'
                : describeApiError(preview.error)}
            </p>
          </>
        )}
        {preview.status === 'valid' && (
          <form onSubmit={submit} noValidate>
            <h1>{preview.invitation.negotiation.title}</h1>
            <p>
              You are invited as{' '}
              <strong>{seatDescription(preview.invitation.role, preview.invitation.delegation)}</strong>.
            </p>
            <p className="muted">
              Valid until {expiryFormat.format(new Date(preview.invitation.expiresAt))}. Your name is shown to
              everyone in the room, next to your cursor and on everything you do.
            </p>
            <label htmlFor={`${ids}-name`}>Your name</label>
            <input
              id={`${ids}-name`}
              name="name"
              autoComplete="name"
              maxLength={MAX_NAME_LENGTH}
              value={name}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${ids}-error` : undefined}
              required
            />
            {error && (
              <p className="field-error" id={`${ids}-error`} role="alert">
                {error}
              </p>
            )}
            <button type="submit" className="primary" disabled={busy}>
              Enter
            </button>
          </form>
        )}
      </div>
    </main>
  );
}

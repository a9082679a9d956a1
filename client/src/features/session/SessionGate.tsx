import { type ReactNode, useEffect, useState, useSyncExternalStore } from 'react';
import { type ApiError, describeApiError } from '../../api/api-error.ts';
import { fetchPrincipal, type Principal } from '../../api/session.ts';
import { PrincipalContext } from './principal-context.ts';
import { SignedOutPage } from './SignedOutPage.tsx';
import { sessionStore } from './session-store.ts';

type GateState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly principal: Principal }
  | { readonly status: 'failed'; readonly error: ApiError };

/**
 * Renders its children only for a valid session: asks the server who the stored token belongs to. A token the
 * server refuses (expired, revoked) is forgotten and the person is told why.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const token = useSyncExternalStore(sessionStore.subscribe, sessionStore.getToken);
  const [state, setState] = useState<GateState>({ status: 'loading' });
  const [refusal, setRefusal] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger.
  useEffect(() => {
    if (!token) return;
    let current = true;
    setState({ status: 'loading' });
    void fetchPrincipal().then((result) => {
      if (!current) return;
      if (result.ok) {
        setRefusal(null);
        setState({ status: 'ready', principal: result.value });
      } else if (result.error.reason === 'unauthorized') {
        setRefusal(describeApiError(result.error));
        sessionStore.signOut();
      } else {
        setState({ status: 'failed', error: result.error });
      }
    });
    return () => {
      current = false;
    };
  }, [token, attempt]);

  if (!token) return <SignedOutPage reason={refusal} />;
  if (state.status === 'loading') {
    return (
      <main id="main" className="page narrow">
        <p className="muted">Signing in…</p>
      </main>
    );
  }
  if (state.status === 'failed') {
    return (
      <main id="main" className="page narrow">
        <h1>Travaux cannot reach the server</h1>
        <p role="alert">{describeApiError(state.error)}</p>
        <button type="button" onClick={() => setAttempt((a) => a + 1)}>
          Try again
        </button>
      </main>
    );
  }
  return <PrincipalContext value={state.principal}>{children}</PrincipalContext>;
}

import { type ConnectionFacts, deriveConnection } from '../../sync/connection-state.ts';
import { connectionLabel } from './connection-label.ts';

/** The always-visible connection indicator; screen readers hear each change politely. */
export function ConnectionStatus({ facts }: { facts: ConnectionFacts | null }) {
  const phase = facts ? deriveConnection(facts) : 'connecting';
  return (
    <p className={`connection connection-${phase}`} role="status" aria-live="polite">
      <span className="connection-dot" aria-hidden="true" />
      {connectionLabel(phase, facts?.unsynced ?? 0, facts?.refused ?? null)}
    </p>
  );
}

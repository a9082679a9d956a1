/** Shown without a session: Travaux is entered only through a personal invitation link. */
export function SignedOutPage({ reason }: { reason: string | null }) {
  return (
    <main className="join" id="main">
      <div className="join-card">
        <p className="brand">Travaux</p>
        <h1>Sign in with your invitation</h1>
        {reason && (
          <p className="field-error" role="alert">
            {reason}
          </p>
        )}
        <p>
          Each person enters a negotiation through the invitation link the convenor sent them: it names the
          delegation and the role (chair, delegate or observer) you sit in. Open that link in this browser.
        </p>
        <p className="muted">If you have lost it, ask the convenor of the negotiation for a new one.</p>
      </div>
    </main>
  );
}

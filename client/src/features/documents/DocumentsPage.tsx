import { Action, can } from '@travaux/shared';
import { useEffect } from 'react';
import { Link } from 'wouter';
import { describeApiError } from '../../api/api-error.ts';
import { AppHeader } from '../../app/AppHeader.tsx';
import { mayCreateDocuments } from '../session/permissions.ts';
import { usePrincipal } from '../session/principal-context.ts';
import { CreateDocumentForm } from './CreateDocumentForm.tsx';
import { useDocuments } from './use-documents.ts';

const updatedFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** Lists the negotiation's documents (most recently changed first) and creates new ones. */
export function DocumentsPage() {
  const { state, reload } = useDocuments();
  const principal = usePrincipal();
  useEffect(() => {
    document.title = 'Negotiation documents — Travaux';
  }, []);
  return (
    <>
      <AppHeader />
      <main id="main" className="page documents-page">
        <h1>Negotiation documents</h1>
        <p className="muted negotiation-name">{principal.negotiation.title}</p>
        {(can(principal.role, Action.manageRoster) || can(principal.role, Action.readAudit)) && (
          <p>
            <Link href="/seats">
              {can(principal.role, Action.manageRoster) ? 'Seats and invitations' : 'Audit log'}
            </Link>
          </p>
        )}
        <section aria-labelledby="documents-list-heading" className="documents-list">
          <h2 id="documents-list-heading" className="visually-hidden">
            Documents
          </h2>
          {state.status === 'loading' && <p className="muted">Loading documents…</p>}
          {state.status === 'failed' && (
            <div className="error-block" role="alert">
              <p>{describeApiError(state.error)}</p>
              <button type="button" onClick={reload}>
                Try again
              </button>
            </div>
          )}
          {state.status === 'loaded' &&
            (state.documents.length === 0 ? (
              <p className="muted">No documents yet.</p>
            ) : (
              <ul className="document-links">
                {state.documents.map((d) => (
                  <li key={d.id}>
                    <Link href={`/d/${d.id}`} className="document-link">
                      {d.title}
                    </Link>
                    <span className="muted document-updated">
                      Updated{' '}
                      <time dateTime={d.updatedAt}>{updatedFormat.format(new Date(d.updatedAt))}</time>
                    </span>
                  </li>
                ))}
              </ul>
            ))}
        </section>
        {mayCreateDocuments(principal.role) && <CreateDocumentForm />}
      </main>
    </>
  );
}

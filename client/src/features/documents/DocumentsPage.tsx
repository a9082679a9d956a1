import { Action, can } from '@travaux/shared';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { describeApiError } from '../../api/api-error.ts';
import { type DocumentSummary, placeDocument } from '../../api/documents.ts';
import { AppHeader } from '../../app/AppHeader.tsx';
import { mayCreateDocuments } from '../session/permissions.ts';
import { usePrincipal } from '../session/principal-context.ts';
import { CreateDocumentForm } from './CreateDocumentForm.tsx';
import { useDocuments } from './use-documents.ts';

const updatedFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Lists the negotiation's documents (most recently changed first), archived ones apart, and creates new ones.
 * Those who create documents (convenor, chair) also archive or restore them and release or withhold drafts
 * (AC13); a draft not yet released is marked so.
 */
export function DocumentsPage() {
  const { state, reload } = useDocuments();
  const principal = usePrincipal();
  const places = mayCreateDocuments(principal.role);
  const [said, setSaid] = useState('');
  useEffect(() => {
    document.title = 'Negotiation documents — Travaux';
  }, []);
  const place = async (
    d: DocumentSummary,
    change: { archived?: boolean; released?: boolean },
    done: string,
  ) => {
    const result = await placeDocument(d.id, change);
    setSaid(result.ok ? `${d.title}: ${done}` : describeApiError(result.error));
    reload();
  };
  const list = (documents: readonly DocumentSummary[]) => (
    <ul className="document-links">
      {documents.map((d) => (
        <li key={d.id}>
          <span className="document-name">
            <Link href={`/d/${d.id}`} className="document-link">
              {d.title}
            </Link>
            {!d.released && <span className="document-badge">Not released</span>}
            {d.archivedAt && <span className="document-badge">Archived</span>}
          </span>
          <span className="muted document-updated">
            Updated <time dateTime={d.updatedAt}>{updatedFormat.format(new Date(d.updatedAt))}</time>
          </span>
          {places && (
            <span className="document-actions">
              {d.archivedAt === null && (
                <button
                  type="button"
                  aria-label={`${d.released ? 'Withhold' : 'Release'} ${d.title}`}
                  onClick={() =>
                    place(
                      d,
                      { released: !d.released },
                      d.released ? 'withheld from the roster' : 'released to the roster',
                    )
                  }
                >
                  {d.released ? 'Withhold' : 'Release'}
                </button>
              )}
              <button
                type="button"
                aria-label={`${d.archivedAt ? 'Restore' : 'Archive'} ${d.title}`}
                onClick={() =>
                  place(d, { archived: d.archivedAt === null }, d.archivedAt ? 'restored' : 'archived')
                }
              >
                {d.archivedAt ? 'Restore' : 'Archive'}
              </button>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
  const active = state.status === 'loaded' ? state.documents.filter((d) => d.archivedAt === null) : [];
  const archived = state.status === 'loaded' ? state.documents.filter((d) => d.archivedAt !== null) : [];
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
        <p className="visually-hidden" aria-live="polite">
          {said}
        </p>
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
            (active.length === 0 ? <p className="muted">No documents yet.</p> : list(active))}
        </section>
        {archived.length > 0 && (
          <section aria-labelledby="archived-heading" className="documents-archived">
            <h2 id="archived-heading" className="documents-archived-heading">
              Archived
            </h2>
            <p className="muted">
              Archived documents can be read, compared and printed; nobody can change them.
            </p>
            {list(archived)}
          </section>
        )}
        {mayCreateDocuments(principal.role) && <CreateDocumentForm />}
      </main>
    </>
  );
}

import { type DocumentId, symbolFileName, UN_LANGUAGE_NAMES, UN_LANGUAGES } from '@travaux/shared';
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { describeApiError } from '../../api/api-error.ts';
import {
  forkRevision,
  issueRevision,
  listRevisions,
  type RevisionMeta,
  textDocx,
} from '../../api/revisions.ts';
import { AppHeader } from '../../app/AppHeader.tsx';
import { usePrincipal } from '../session/principal-context.ts';

const LANGUAGE_NAMES: Record<string, string> = UN_LANGUAGE_NAMES;

const LIVE = 'live';

/** RV14: downloads a whole text as a Word file named after its symbol; an error message, or null. */
async function downloadText(documentId: DocumentId, revision: RevisionMeta | null): Promise<string | null> {
  const result = await textDocx(documentId, revision?.id ?? LIVE);
  if (!result.ok) return describeApiError(result.error);
  const url = URL.createObjectURL(result.value);
  const link = document.createElement('a');
  link.href = url;
  link.download = symbolFileName(revision?.symbol || null, 'travaux-working-text', 'docx');
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return null;
}

function optionLabel(revision: RevisionMeta): string {
  return revision.kind === 'revision' ? `${revision.symbol} (${revision.date})` : revision.title;
}

/**
 * Revisions and checkpoints of a document (SPEC RV rules): everyone lists them and compares any two (or one with
 * the live text); the chair issues a named revision and can start a new working text from an older one.
 */
export function RevisionsPage({ documentId }: { documentId: DocumentId }) {
  const principal = usePrincipal();
  const ids = useId();
  const [, navigate] = useLocation();
  const [revisions, setRevisions] = useState<RevisionMeta[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState(LIVE);
  const isChair = principal.role === 'chair';

  const reload = useCallback(async () => {
    const result = await listRevisions(documentId);
    if (!result.ok) return setError(describeApiError(result.error));
    setRevisions(result.value);
    const named = result.value.filter((r) => r.kind === 'revision');
    setFrom((current) => current || (named[1]?.id ?? named[0]?.id ?? result.value[0]?.id ?? ''));
    setTo((current) => (current === LIVE && named.length > 1 ? named[0]!.id : current));
  }, [documentId]);
  useEffect(() => {
    void reload();
    document.title = 'Revisions — Travaux';
  }, [reload]);

  const named = revisions?.filter((r) => r.kind === 'revision') ?? [];
  const checkpoints = revisions?.filter((r) => r.kind === 'checkpoint') ?? [];
  const compare = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/d/${documentId}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  };

  return (
    <>
      <AppHeader title="Revisions" />
      <main id="main" className="page revisions-page">
        <p>
          <Link href={`/d/${documentId}`}>Back to the text</Link>
        </p>
        <h1>Revisions</h1>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {revisions === null ? (
          <p className="muted">Loading…</p>
        ) : (
          <>
            <form className="compare-form" onSubmit={compare} aria-labelledby={`${ids}-compare`}>
              <h2 id={`${ids}-compare`}>Compare</h2>
              <label htmlFor={`${ids}-from`}>From</label>
              <select id={`${ids}-from`} value={from} onChange={(e) => setFrom(e.target.value)} required>
                {revisions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {optionLabel(r)}
                  </option>
                ))}
                <option value={LIVE}>Live text</option>
              </select>
              <label htmlFor={`${ids}-to`}>To</label>
              <select id={`${ids}-to`} value={to} onChange={(e) => setTo(e.target.value)} required>
                {revisions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {optionLabel(r)}
                  </option>
                ))}
                <option value={LIVE}>Live text</option>
              </select>
              <button type="submit" className="primary" disabled={!from || !to}>
                Compare
              </button>
            </form>

            <p>
              <button type="button" onClick={async () => setError(await downloadText(documentId, null))}>
                Word file of the live text
              </button>
            </p>

            <h2>Issued revisions</h2>
            {named.length === 0 ? (
              <p className="muted">No revision has been issued yet.</p>
            ) : (
              <table className="revision-table">
                <thead>
                  <tr>
                    <th scope="col">Symbol</th>
                    <th scope="col">Title</th>
                    <th scope="col">Date</th>
                    <th scope="col">Original</th>
                    <th scope="col">Issued by</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {named.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">{r.symbol}</th>
                      <td>{r.title}</td>
                      <td>{r.date}</td>
                      <td>{LANGUAGE_NAMES[r.language] ?? r.language}</td>
                      <td>{r.createdBy}</td>
                      <td className="revision-actions">
                        <Link href={`/d/${documentId}/r/${r.id}`}>Open</Link>
                        <button
                          type="button"
                          onClick={async () => setError(await downloadText(documentId, r))}
                        >
                          Word file
                        </button>
                        <Link href={`/d/${documentId}/diff?from=${r.id}&to=${LIVE}`}>
                          Against the live text
                        </Link>
                        {isChair && (
                          <button
                            type="button"
                            onClick={async () => {
                              const result = await forkRevision(documentId, r.id);
                              if (result.ok) navigate(`/d/${result.value.id}`);
                              else setError(describeApiError(result.error));
                            }}
                          >
                            Start a new working text from it
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <details className="checkpoints">
              <summary>Automatic checkpoints ({checkpoints.length})</summary>
              <ul>
                {checkpoints.map((r) => (
                  <li key={r.id}>
                    {r.title} — <Link href={`/d/${documentId}/r/${r.id}`}>open</Link> ·{' '}
                    <Link href={`/d/${documentId}/diff?from=${r.id}&to=${LIVE}`}>against the live text</Link>
                  </li>
                ))}
              </ul>
            </details>
            {isChair && <IssueRevisionForm documentId={documentId} onIssued={reload} />}
          </>
        )}
      </main>
    </>
  );
}

function IssueRevisionForm({ documentId, onIssued }: { documentId: DocumentId; onIssued: () => void }) {
  const ids = useId();
  const [symbol, setSymbol] = useState('');
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [language, setLanguage] = useState('en');
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await issueRevision(documentId, {
      symbol: symbol.trim(),
      title: title.trim(),
      date,
      language,
    });
    if (!result.ok) return setMessage(describeApiError(result.error));
    setMessage(`${result.value.symbol} issued.`);
    // The next revision gets a symbol and a title of its own: keeping the old title invited issuing it twice.
    setSymbol('');
    setTitle('');
    onIssued();
  };
  return (
    <form className="create-document" onSubmit={submit} aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Issue a revision</h2>
      <p className="hint">
        The revision keeps the text, its proposals and their records as they are now; it never changes.
      </p>
      <label htmlFor={`${ids}-symbol`}>Symbol</label>
      <input
        id={`${ids}-symbol`}
        value={symbol}
        placeholder="A/AC.1/L.2/Rev.1"
        onChange={(e) => setSymbol(e.target.value)}
        required
      />
      <label htmlFor={`${ids}-title`}>Title</label>
      <input id={`${ids}-title`} value={title} onChange={(e) => setTitle(e.target.value)} />
      <label htmlFor={`${ids}-date`}>Date</label>
      <input id={`${ids}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
      <label htmlFor={`${ids}-language`}>Original language</label>
      <select id={`${ids}-language`} value={language} onChange={(e) => setLanguage(e.target.value)}>
        {UN_LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
      {message && (
        <p role="status" className="muted">
          {message}
        </p>
      )}
      <button type="submit" className="primary">
        Issue revision
      </button>
    </form>
  );
}

import {
  bracketedView,
  type CleanLine,
  cleanTreatyText,
  type DocumentId,
  STATUS_LABEL,
  type ViewLine,
} from '@travaux/shared';
import { useEffect, useMemo } from 'react';
import { Link, useSearch } from 'wouter';
import { AppHeader } from '../../app/AppHeader.tsx';
import { useConnection, useDocumentSession } from '../../sync/use-document-session.ts';
import { ConnectionStatus } from '../connection/ConnectionStatus.tsx';
import { usePrincipal } from '../session/principal-context.ts';
import { sessionStore } from '../session/session-store.ts';
import { useLiveTreaty } from './live-treaty.ts';
import { proposalsShown, type ReadingMode } from './reading-mode.ts';

const TITLES: Record<ReadingMode, string> = {
  clean: 'Clean view: the text agreed so far',
  bracketed: 'Bracketed view',
};

/**
 * The clean view (what is agreed so far: bracketed passages and open proposals left out) or the bracketed
 * view (the conventional notation, RD2, with open proposals attributed or left out, RD3) of the live text,
 * readable by everyone and printable.
 */
export function ReadingViewPage({ documentId, mode }: { documentId: DocumentId; mode: ReadingMode }) {
  const principal = usePrincipal();
  const session = useDocumentSession(documentId, principal, sessionStore.getToken() ?? '');
  const facts = useConnection(session);
  const live = useLiveTreaty(session?.ydoc ?? null, facts?.everSynced === true);
  const title = live?.doc.firstChild?.textContent.trim() || 'Treaty';
  useEffect(() => {
    document.title = `${TITLES[mode]} — ${title} — Travaux`;
  }, [mode, title]);
  const clean = useMemo(
    () => (live && mode === 'clean' ? cleanTreatyText(live.doc, live.isOpenProposal) : []),
    [live, mode],
  );
  const proposals = proposalsShown(useSearch());
  const bracketed = useMemo(
    () => (live && mode === 'bracketed' ? bracketedView(live.reading, proposals) : []),
    [live, mode, proposals],
  );
  return (
    <div className="reading-page">
      <AppHeader title={title}>
        <Link href={`/d/${documentId}`} className="header-link">
          Drafting room
        </Link>
        <ConnectionStatus facts={facts} />
      </AppHeader>
      <main id="main" className="page reading" aria-busy={!live}>
        <nav className="reading-tabs" aria-label="Reading views">
          <Link
            href={`/d/${documentId}/view?mode=clean`}
            aria-current={mode === 'clean' ? 'page' : undefined}
          >
            Clean view
          </Link>
          <Link
            href={`/d/${documentId}/view?mode=bracketed`}
            aria-current={mode === 'bracketed' ? 'page' : undefined}
          >
            Bracketed view (print)
          </Link>
          <button type="button" onClick={() => window.print()}>
            Print
          </button>
        </nav>
        <h1 className="reading-heading">{TITLES[mode]}</h1>
        {!live ? (
          <p className="muted">Loading the text…</p>
        ) : mode === 'clean' ? (
          <article className="clean-view" aria-label="Clean text">
            <p className="muted reading-note">
              Bracketed passages are left out (…); text that open proposals would add is not shown.
            </p>
            {clean.map((line, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id; the list is redrawn whole.
              <CleanLineView key={`${index}-${line.label}`} line={line} />
            ))}
          </article>
        ) : (
          <section className="bracketed-view" aria-label="Bracketed text">
            <p className="muted reading-note">
              Open proposals are{' '}
              {proposals === 'attributed' ? (
                <>
                  shown with their delegation.{' '}
                  <Link href={`/d/${documentId}/view?mode=bracketed&proposals=omit`}>Leave them out</Link>
                </>
              ) : (
                <>
                  left out. <Link href={`/d/${documentId}/view?mode=bracketed`}>Show them, attributed</Link>
                </>
              )}
            </p>
            {bracketed.map((line, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id; the list is redrawn whole.
              <BracketedLineView key={`${index}-${line.label}`} line={line} />
            ))}
          </section>
        )}
      </main>
    </div>
  );
}

function CleanLineView({ line }: { line: CleanLine }) {
  const status = line.status !== 'open' && line.kind === 'block' && line.level === 0 ? line.status : null;
  switch (line.kind) {
    case 'title':
      return <h2 className="clean-title">{line.text}</h2>;
    case 'preamble':
      return null;
    case 'chapter':
    case 'division':
    case 'article':
      return <h3 className={`clean-${line.kind}`}>{line.label}</h3>;
    case 'heading':
      return <p className="clean-heading">{line.bracketed ? '…' : line.text}</p>;
    default:
      return (
        <p className={`clean-block level-${line.level}${status ? ` status-${status}` : ''}`}>
          {line.label && <span className="clean-label">{line.label} </span>}
          {line.bracketed ? <span className="clean-elided">… (bracketed)</span> : line.text}
          {status && <span className="clean-status"> — {STATUS_LABEL[status]}</span>}
        </p>
      );
  }
}

function BracketedLineView({ line }: { line: ViewLine }) {
  const note = line.proposal ? <span className="view-proposal">[{line.proposal}] </span> : null;
  const status = line.status ? <span className="clean-status"> ({line.status})</span> : null;
  switch (line.kind) {
    case 'title':
      return <h2 className="clean-title">{line.text}</h2>;
    case 'preamble':
      return null;
    case 'chapter':
    case 'division':
    case 'article':
      return (
        <h3 className={`clean-${line.kind}`}>
          {note}
          {line.label}
          <span className="view-heading">{line.text}</span>
        </h3>
      );
    default:
      return (
        <p className={`clean-block view-block level-${line.level}`}>
          {line.label && <span className="clean-label">{line.label} </span>}
          {note}
          {line.text}
          {status}
        </p>
      );
  }
}

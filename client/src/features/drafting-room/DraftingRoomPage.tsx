import { CloseCode, type DocumentId, type OutlineEntry } from '@travaux/shared';
import type { Node } from 'prosemirror-model';
import type { EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { useCallback, useEffect, useRef, useState } from 'react';
import { describeApiError } from '../../api/api-error.ts';
import { AppHeader } from '../../app/AppHeader.tsx';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { TreatyEditor } from '../../editor/TreatyEditor.tsx';
import { useConnection, useDocumentSession } from '../../sync/use-document-session.ts';
import { ConnectionStatus } from '../connection/ConnectionStatus.tsx';
import { refusalLabel } from '../connection/connection-label.ts';
import { Outline } from '../outline/Outline.tsx';
import { headingSelection, locateEntry } from '../outline/outline-navigation.ts';
import { PresencePanel } from '../presence/PresencePanel.tsx';
import { mayEditText } from '../session/permissions.ts';
import { usePrincipal } from '../session/principal-context.ts';
import { sessionStore } from '../session/session-store.ts';
import { Toolbar } from './Toolbar.tsx';
import { useDocumentMeta } from './use-document-meta.ts';

/** The drafting room of one document: checks it exists, then opens the live session. */
export function DraftingRoomPage({ documentId }: { documentId: DocumentId }) {
  const meta = useDocumentMeta(documentId);
  if (meta.status === 'failed') {
    if (meta.error.reason === 'document-not-found') {
      return <NotFoundPage message={`There is no document “${documentId}”. It may have been mistyped.`} />;
    }
    return (
      <>
        <AppHeader />
        <main id="main" className="page narrow">
          <h1>This document cannot be opened</h1>
          <p role="alert">{describeApiError(meta.error)}</p>
        </main>
      </>
    );
  }
  if (meta.status === 'loading') {
    return (
      <>
        <AppHeader />
        <main id="main" className="page narrow">
          <p className="muted">Loading…</p>
        </main>
      </>
    );
  }
  return <LiveRoom documentId={documentId} fallbackTitle={meta.document.title} />;
}

function treatyTitleOf(doc: Node | null): string {
  return doc?.firstChild?.textContent.trim() ?? '';
}

/**
 * The live room: outline, toolbar and text, presence. The text is shown only once the provider has synced
 * with the server, so nobody ever sees (or types into) an empty stand-in for the stored treaty.
 */
function LiveRoom({ documentId, fallbackTitle }: { documentId: DocumentId; fallbackTitle: string }) {
  const principal = usePrincipal();
  const token = sessionStore.getToken() ?? '';
  const session = useDocumentSession(documentId, principal, token);
  const editable = mayEditText(principal.role);
  const facts = useConnection(session);
  const [view, setView] = useState<EditorView | null>(null);
  const [doc, setDoc] = useState<Node | null>(null);
  // Bumped on every state change so the toolbar re-checks which commands apply where the caret now is.
  const [revision, setRevision] = useState(0);
  const lastDoc = useRef<Node | null>(null);

  const onState = useCallback((state: EditorState) => {
    if (state.doc !== lastDoc.current) {
      lastDoc.current = state.doc;
      setDoc(state.doc);
    }
    setRevision((r) => r + 1);
  }, []);

  const title = treatyTitleOf(doc) || fallbackTitle;
  useEffect(() => {
    document.title = `${title} — Travaux`;
  }, [title]);

  const goTo = useCallback(
    (entry: OutlineEntry) => {
      if (!view) return;
      const pos = locateEntry(view.state.doc, entry);
      if (pos === null) return;
      const selection = headingSelection(view.state.doc, pos);
      view.dispatch(view.state.tr.setSelection(selection));
      view.focus();
      // Put the heading at the top of the viewport rather than just barely on screen.
      const element = view.nodeDOM(pos);
      if (element instanceof HTMLElement) element.scrollIntoView({ block: 'start', behavior: 'smooth' });
    },
    [view],
  );

  const ready = session !== null && facts?.everSynced === true;
  return (
    <div className="room">
      <AppHeader title={title}>
        <ConnectionStatus facts={facts} />
      </AppHeader>
      <div className="room-body">
        <aside className="room-side room-start">
          <Outline doc={doc} onGo={goTo} />
        </aside>
        <main id="main" className="room-main" aria-busy={!ready}>
          {facts?.refused && (
            <div className="refusal-notice" role="alert">
              <p>{refusalLabel(facts.refused)}.</p>
              {facts.refused.code === CloseCode.Unauthorized && (
                <button type="button" onClick={() => sessionStore.signOut()}>
                  Sign in again
                </button>
              )}
            </div>
          )}
          {editable ? (
            <Toolbar view={view} revision={revision} />
          ) : (
            <p className="read-only-notice" id="read-only-notice">
              <strong>Read only.</strong> As {principal.role === 'observer' ? 'an observer' : 'the convenor'}{' '}
              you follow the text live; you cannot change it.
            </p>
          )}
          {ready && session ? (
            <TreatyEditor session={session} editable={editable} onView={setView} onState={onState} />
          ) : (
            <p className="muted loading">Loading the text…</p>
          )}
        </main>
        <aside className="room-side room-end">
          {session && <PresencePanel awareness={session.provider.awareness} />}
        </aside>
      </div>
    </div>
  );
}

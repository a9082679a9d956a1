import { type DocumentId, isDocumentId } from '@travaux/shared';
import { lazy, type ReactNode, Suspense } from 'react';
import { Route, Switch, useSearch } from 'wouter';
import { DocumentsPage } from '../features/documents/DocumentsPage.tsx';
import { readingMode } from '../features/reading-views/reading-mode.ts';
import { DiffPage } from '../features/revisions/DiffPage.tsx';
import { RevisionsPage } from '../features/revisions/RevisionsPage.tsx';
import { SeatsPage } from '../features/seats/SeatsPage.tsx';
import { JoinPage } from '../features/session/JoinPage.tsx';
import { SessionGate } from '../features/session/SessionGate.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

/**
 * The drafting room carries the editor (ProseMirror's view, Yjs, y-prosemirror and the editing plugins): it is
 * loaded when a document is opened, so that the other pages (documents, revisions, diffs) start with a script
 * about half the size.
 */
const DraftingRoomPage = lazy(() =>
  import('../features/drafting-room/DraftingRoomPage.tsx').then((module) => ({
    default: module.DraftingRoomPage,
  })),
);
// The revision and reading views render the treaty with ProseMirror and read it from Yjs too.
const RevisionView = lazy(() =>
  import('../features/revisions/RevisionView.tsx').then((module) => ({ default: module.RevisionView })),
);
const ReadingViewPage = lazy(() =>
  import('../features/reading-views/ReadingViewPage.tsx').then((module) => ({
    default: module.ReadingViewPage,
  })),
);

/** A `/d/:id…` route's content: `page` for a well-formed document id, "not found" for anything else. */
function forDocument<P extends { id: string }>(page: (documentId: DocumentId, params: P) => ReactNode) {
  return (params: P) => (isDocumentId(params.id) ? page(params.id, params) : <NotFoundPage />);
}

/** Routes: invitation links open a session; everything else needs one. */
export function App() {
  return (
    <Switch>
      <Route path="/join/:token">
        {(params) => <JoinPage key={params.token} invitation={params.token} />}
      </Route>
      <Route>
        <SessionGate>
          <Suspense fallback={<PageLoading />}>
            <Switch>
              <Route path="/">
                <DocumentsPage />
              </Route>
              <Route path="/seats">
                <SeatsPage />
              </Route>
              <Route path="/d/:id/revisions">
                {forDocument((id) => (
                  <RevisionsPage documentId={id} />
                ))}
              </Route>
              <Route path="/d/:id/r/:rid">
                {forDocument((id, { rid }: { id: string; rid: string }) => (
                  <RevisionView documentId={id} revisionId={rid} />
                ))}
              </Route>
              <Route path="/d/:id/view">
                {forDocument((id) => (
                  <ReadingRoute documentId={id} />
                ))}
              </Route>
              <Route path="/d/:id/diff">
                {forDocument((id) => (
                  <DiffPage documentId={id} />
                ))}
              </Route>
              <Route path="/d/:id">
                {forDocument((id) => (
                  <DraftingRoomPage key={id} documentId={id} />
                ))}
              </Route>
              <Route>
                <NotFoundPage />
              </Route>
            </Switch>
          </Suspense>
        </SessionGate>
      </Route>
    </Switch>
  );
}

/** While the script of a page loaded on demand arrives. */
function PageLoading() {
  return (
    <p className="muted" role="status">
      Loading…
    </p>
  );
}

/** `/d/:id/view?mode=clean|bracketed`: the reading views of the live text. */
function ReadingRoute({ documentId }: { documentId: Parameters<typeof ReadingViewPage>[0]['documentId'] }) {
  const search = useSearch();
  return <ReadingViewPage documentId={documentId} mode={readingMode(search)} />;
}

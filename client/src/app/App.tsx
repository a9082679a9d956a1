import { isDocumentId } from '@travaux/shared';
import { Route, Switch, useSearch } from 'wouter';
import { DocumentsPage } from '../features/documents/DocumentsPage.tsx';
import { DraftingRoomPage } from '../features/drafting-room/DraftingRoomPage.tsx';
import { ReadingViewPage, readingMode } from '../features/reading-views/ReadingViewPage.tsx';
import { DiffPage } from '../features/revisions/DiffPage.tsx';
import { RevisionsPage } from '../features/revisions/RevisionsPage.tsx';
import { RevisionView } from '../features/revisions/RevisionView.tsx';
import { JoinPage } from '../features/session/JoinPage.tsx';
import { SessionGate } from '../features/session/SessionGate.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

/** Routes: invitation links open a session; everything else needs one. */
export function App() {
  return (
    <Switch>
      <Route path="/join/:token">
        {(params) => <JoinPage key={params.token} invitation={params.token} />}
      </Route>
      <Route>
        <SessionGate>
          <Switch>
            <Route path="/">
              <DocumentsPage />
            </Route>
            <Route path="/d/:id/revisions">
              {(params) =>
                isDocumentId(params.id) ? <RevisionsPage documentId={params.id} /> : <NotFoundPage />
              }
            </Route>
            <Route path="/d/:id/r/:rid">
              {(params) =>
                isDocumentId(params.id) ? (
                  <RevisionView documentId={params.id} revisionId={params.rid} />
                ) : (
                  <NotFoundPage />
                )
              }
            </Route>
            <Route path="/d/:id/view">
              {(params) =>
                isDocumentId(params.id) ? <ReadingRoute documentId={params.id} /> : <NotFoundPage />
              }
            </Route>
            <Route path="/d/:id/diff">
              {(params) => (isDocumentId(params.id) ? <DiffPage documentId={params.id} /> : <NotFoundPage />)}
            </Route>
            <Route path="/d/:id">
              {(params) =>
                isDocumentId(params.id) ? (
                  <DraftingRoomPage key={params.id} documentId={params.id} />
                ) : (
                  <NotFoundPage />
                )
              }
            </Route>
            <Route>
              <NotFoundPage />
            </Route>
          </Switch>
        </SessionGate>
      </Route>
    </Switch>
  );
}

/** `/d/:id/view?mode=clean|bracketed`: the reading views of the live text. */
function ReadingRoute({ documentId }: { documentId: Parameters<typeof ReadingViewPage>[0]['documentId'] }) {
  const search = useSearch();
  return <ReadingViewPage documentId={documentId} mode={readingMode(search)} />;
}

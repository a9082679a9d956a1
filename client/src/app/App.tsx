import { isDocumentId } from '@travaux/shared';
import { Route, Switch } from 'wouter';
import { DocumentsPage } from '../features/documents/DocumentsPage.tsx';
import { DraftingRoomPage } from '../features/drafting-room/DraftingRoomPage.tsx';
import { IdentityGate } from '../features/identity/IdentityGate.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

/** Routes: the documents page and one drafting room per document; everything behind the join form. */
export function App() {
  return (
    <IdentityGate>
      <Switch>
        <Route path="/">
          <DocumentsPage />
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
    </IdentityGate>
  );
}

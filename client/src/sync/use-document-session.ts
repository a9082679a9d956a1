import type { DocumentId } from '@travaux/shared';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Identity } from '../features/identity/identity.ts';
import { roomUserFor } from '../features/presence/room-user.ts';
import type { ConnectionFacts } from './connection-state.ts';
import { DocumentSession } from './document-session.ts';
import { syncServerUrl } from './sync-url.ts';

/**
 * Opens a DocumentSession for `documentId` as `identity` for as long as the calling component is mounted
 * (a new one when either changes); null during the first render.
 */
export function useDocumentSession(documentId: DocumentId, identity: Identity): DocumentSession | null {
  const [session, setSession] = useState<DocumentSession | null>(null);
  const { name, delegationId } = identity;
  useEffect(() => {
    const opened = new DocumentSession(documentId, roomUserFor(name, delegationId), {
      serverUrl: syncServerUrl(window.location),
    });
    setSession(opened);
    return () => {
      setSession(null);
      opened.destroy();
    };
  }, [documentId, name, delegationId]);
  return session;
}

const noSubscription = () => () => {};
const noFacts = () => null;

/** The connection facts of `session`, re-rendering on every change. */
export function useConnection(session: DocumentSession | null): ConnectionFacts | null {
  return useSyncExternalStore(session?.subscribe ?? noSubscription, session?.getConnection ?? noFacts);
}

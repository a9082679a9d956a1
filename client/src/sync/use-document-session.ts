import type { DocumentId } from '@travaux/shared';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Principal } from '../api/session.ts';
import { roomUserFor } from '../features/presence/room-user.ts';
import type { ConnectionFacts } from './connection-state.ts';
import { DocumentSession } from './document-session.ts';
import { syncServerUrl } from './sync-url.ts';

/**
 * Opens a DocumentSession for `documentId` as `principal` with the session `token` for as long as the calling
 * component is mounted (a new one when any changes); null during the first render.
 */
export function useDocumentSession(
  documentId: DocumentId,
  principal: Principal,
  token: string,
  /** Bump to drop the local Y.Doc and load the document again from the server (after a refused edit). */
  generation = 0,
): DocumentSession | null {
  const [session, setSession] = useState<DocumentSession | null>(null);
  const { name, delegation, role } = principal;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` forces a fresh session.
  useEffect(() => {
    // What others see is stamped by the server from the token; this local copy only draws one's own view.
    const opened = new DocumentSession(documentId, roomUserFor(name, delegation ?? '', role), {
      serverUrl: syncServerUrl(window.location),
      token,
    });
    setSession(opened);
    return () => {
      setSession(null);
      opened.destroy();
    };
  }, [documentId, name, delegation, role, token, generation]);
  return session;
}

const noSubscription = () => () => {};
const noFacts = () => null;

/** The connection facts of `session`, re-rendering on every change. */
export function useConnection(session: DocumentSession | null): ConnectionFacts | null {
  return useSyncExternalStore(session?.subscribe ?? noSubscription, session?.getConnection ?? noFacts);
}

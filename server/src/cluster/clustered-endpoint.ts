import { CloseCode, type DocumentId } from '@travaux/shared';
import type { Logger } from '../log.ts';
import type { ConnectionHandler } from '../transport/connection.ts';
import type { SyncEndpoint } from '../transport/websocket.ts';
import { forwardConnection } from './forward.ts';
import type { Route } from './ownership.ts';

/** A grant of the inner endpoint with the token it came from (forwarding presents it to the owner). */
export interface ClusterGrant<G> {
  readonly grant: G;
  readonly token: string | null;
}

/**
 * The sync endpoint of a node among several (SN9): authorization as on one node; then each connection is served
 * here when this node owns the document (or can take it over) or when `servedHere` says the grant only reads
 * (SN10: a replica kept by the Redis fan-out serves it), else forwarded to the owner. Frames that arrive
 * while the owner is being looked up wait, in order.
 */
export function clusteredEndpoint<G>(
  inner: SyncEndpoint<G>,
  route: (documentId: DocumentId) => Promise<Route>,
  logger: Logger,
  servedHere: (grant: G) => boolean = () => false,
): SyncEndpoint<ClusterGrant<G>> {
  return {
    documentExists: (documentId) => inner.documentExists(documentId),
    authorize: async (documentId, token) => {
      const result = await inner.authorize(documentId, token);
      return result.ok ? { ...result, grant: { grant: result.grant, token } } : result;
    },
    connect: (documentId, connection, { grant, token }) => {
      let target: ConnectionHandler | null = null;
      let closed = false;
      const waiting: Uint8Array[] = [];
      route(documentId).then(
        (where) => {
          if (closed) return;
          // With Redis (SN10), a connection that can only read is served by this node's replica of the document.
          target =
            where.local || servedHere(grant)
              ? inner.connect(documentId, connection, grant)
              : forwardConnection(where.url, documentId, token, connection, logger);
          for (const frame of waiting) target.onMessage(frame);
          waiting.length = 0;
        },
        (error: unknown) => {
          logger.error(`finding the owner of ${documentId} failed`, error);
          connection.close(CloseCode.GoingAway, 'the document is changing nodes; reconnect');
        },
      );
      return {
        onMessage: (frame) => {
          if (target) target.onMessage(frame);
          else waiting.push(frame.slice());
        },
        onClose: () => {
          closed = true;
          target?.onClose();
        },
      } satisfies ConnectionHandler;
    },
  };
}

import { CloseCode, type DocumentId, SYNC_PATH } from '@travaux/shared';
import WebSocket from 'ws';
import type { Logger } from '../log.ts';
import type { Connection, ConnectionHandler } from '../transport/connection.ts';

const KNOWN_CODES = new Set<number>(Object.values(CloseCode));

/**
 * Serves a client of a document owned by another node (SN9): opens the owner's sync endpoint with the client's
 * own token (the owner authorizes it again, checks and commits every update) and relays frames both ways,
 * unchanged. When either side closes, so does the other; an owner that vanished closes the client with
 * GoingAway, and the client reconnects through the balancer to whichever node owns the document by then.
 */
export function forwardConnection(
  ownerUrl: string,
  documentId: DocumentId,
  token: string | null,
  connection: Connection,
  logger: Logger,
): ConnectionHandler {
  const target = new URL(`${SYNC_PATH}/${encodeURIComponent(documentId)}`, ownerUrl.replace(/^http/, 'ws'));
  if (token !== null) target.searchParams.set('token', token);
  const upstream = new WebSocket(target, { perMessageDeflate: false });
  const waiting: Uint8Array[] = [];
  let done = false;
  upstream.on('open', () => {
    for (const frame of waiting) upstream.send(frame);
    waiting.length = 0;
  });
  upstream.on('message', (data, isBinary) => {
    if (isBinary) connection.send(new Uint8Array(data as Buffer));
  });
  upstream.on('error', (error) => logger.warn(`forwarding ${documentId} to ${ownerUrl}: ${error.message}`));
  upstream.on('close', (code, reason) => {
    done = true;
    // The owner's own refusals (4401, 4409, 4422...) reach the client as they are; a lost owner is GoingAway.
    if (KNOWN_CODES.has(code)) connection.close(code as CloseCode, reason.toString());
    else connection.close(CloseCode.GoingAway, 'the node owning this document went away; reconnect');
  });
  return {
    onMessage: (frame) => {
      if (done) return;
      // The transport's frame is a view on a pooled buffer: copy what has to wait for the owner's socket.
      if (upstream.readyState === WebSocket.OPEN) upstream.send(frame);
      else waiting.push(frame.slice());
    },
    onClose: () => {
      done = true;
      waiting.length = 0;
      if (upstream.readyState === WebSocket.CONNECTING) upstream.terminate();
      else upstream.close(1000);
    },
  };
}

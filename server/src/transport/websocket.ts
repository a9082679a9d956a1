import { randomUUID } from 'node:crypto';
import { upgradeWebSocket } from '@hono/node-server';
import { CloseCode, type DocumentId, isDocumentId } from '@travaux/shared';
import { Hono } from 'hono';
import type { WSContext } from 'hono/ws';
import { type WebSocket, WebSocketServer } from 'ws';
import { ApiError } from '../http/errors.ts';
import type { Logger } from '../log.ts';
import type { Connection, ConnectionHandler } from './connection.ts';

/**
 * The outcome of authorizing a sync request: a grant (opaque to the transport) with the group it belongs to
 * (closed together on revocation) and when it ends, or a refusal to send as a close code.
 */
export type SyncAuthorization<G> =
  | { readonly ok: true; readonly grant: G; readonly group: string; readonly expiresAt: number }
  | { readonly ok: false; readonly code: CloseCode; readonly reason: string };

/** What the sync route needs from access control, the rooms and the catalog. */
export interface SyncEndpoint<G> {
  /** Whether a document exists; an unknown one is refused with 404 before the upgrade. */
  documentExists(documentId: DocumentId): Promise<boolean>;
  /** Checks the request's token for `documentId` before anything is loaded. */
  authorize(documentId: DocumentId, token: string | null): Promise<SyncAuthorization<G>>;
  /** Takes an upgraded, authorized connection and returns the handler for its frames. */
  connect(documentId: DocumentId, connection: Connection, grant: G): ConnectionHandler;
}

/** The close-frame reason limit of RFC 6455 §5.5 (125 bytes of payload minus the 2-byte code). */
const MAX_REASON_BYTES = 123;

/**
 * The WebSocket transport: owns the `ws` server (message size limit, an 'error' listener on every socket) and
 * turns upgraded sockets into byte-only `Connection`s. It knows nothing of Yjs or of documents' contents.
 */
export class SyncTransport {
  /** Pass to `serve({ websocket: { server } })` of @hono/node-server. */
  readonly server: WebSocketServer;

  constructor(
    maxMessageBytes: number,
    private readonly logger: Logger,
  ) {
    this.server = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
    this.server.on('connection', (socket) => {
      // Without an 'error' listener a malformed or oversized frame would crash the process.
      socket.on('error', (error) => this.logger.warn(`websocket error: ${error.message}`));
      // ws closes an oversized message with 1009 but no reason; give that close the reason we document.
      const close = socket.close.bind(socket);
      socket.close = (code?: number, reason?: string | Buffer) =>
        close(code, code === CloseCode.MessageTooBig && !reason ? 'message too big' : reason);
    });
  }

  /**
   * The Hono sub-app for `GET /:documentId` under the sync path: 404 JSON for an invalid or unknown id before
   * any upgrade, 426 for a plain GET, otherwise the upgrade.
   */
  routes<G>(endpoint: SyncEndpoint<G>): Hono {
    const app = new Hono();
    // The upgrade callback gets the same Request; hand the authorization over without a typed Hono env.
    const authorizations = new WeakMap<Request, SyncAuthorization<G>>();
    app.get(
      '/:documentId',
      async (c, next) => {
        const documentId = c.req.param('documentId');
        // Authorization comes first, so nobody learns which documents exist without a valid token.
        const header = c.req.header('authorization');
        const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : (c.req.query('token') ?? null);
        const authorization = isDocumentId(documentId)
          ? await endpoint.authorize(documentId, token)
          : ({ ok: false, code: CloseCode.Unauthorized, reason: 'invalid document id' } as const);
        const unknown = !authorization.ok && authorization.code === CloseCode.DocumentNotFound;
        if (unknown || (authorization.ok && !(await endpoint.documentExists(documentId as DocumentId)))) {
          throw new ApiError(404, 'document_not_found', `no document with id ${JSON.stringify(documentId)}`);
        }
        authorizations.set(c.req.raw, authorization);
        await next();
      },
      upgradeWebSocket((c) => {
        const documentId = c.req.param('documentId') as DocumentId;
        const authorization: SyncAuthorization<G> = authorizations.get(c.req.raw) ?? {
          ok: false,
          code: CloseCode.Unauthorized,
          reason: 'not authorized',
        };
        let connection: SocketConnection | null = null;
        let handler: ConnectionHandler | null = null;
        let expiry: NodeJS.Timeout | null = null;
        return {
          onOpen: (_event, ws) => {
            connection = new SocketConnection(ws);
            // A refused token still gets the upgrade, then a named close code: y-websocket stops retrying on 4xxx,
            // where an HTTP 401 would only look like a network failure to a browser.
            if (!authorization.ok) {
              connection.close(authorization.code, authorization.reason);
              return;
            }
            const opened = connection;
            this.track(authorization.group, opened);
            const remaining = authorization.expiresAt - Date.now();
            expiry = setTimeout(
              () => opened.close(CloseCode.Unauthorized, 'session expired'),
              Math.max(0, Math.min(remaining, 2_147_483_647)),
            );
            try {
              handler = endpoint.connect(documentId, connection, authorization.grant);
            } catch (error) {
              this.logger.error(`connecting to document ${documentId} failed`, error);
              connection.close(CloseCode.GoingAway, 'server shutting down');
            }
          },
          onMessage: (event) => {
            if (!connection || !handler || connection.closing) return;
            if (typeof event.data === 'string') {
              connection.close(CloseCode.UnsupportedData, 'text frames are not supported');
              return;
            }
            if (!(event.data instanceof ArrayBuffer)) {
              connection.close(CloseCode.UnsupportedData, 'unsupported frame');
              return;
            }
            handler.onMessage(new Uint8Array(event.data));
          },
          onClose: () => {
            if (expiry) clearTimeout(expiry);
            if (connection) {
              connection.closing = true;
              if (authorization.ok) this.untrack(authorization.group, connection);
            }
            handler?.onClose();
            handler = null;
          },
        };
      }),
      (c) => {
        throw new ApiError(426, 'upgrade_required', `${c.req.path} is a WebSocket endpoint`);
      },
    );
    return app;
  }

  private readonly groups = new Map<string, Set<SocketConnection>>();

  private track(group: string, connection: SocketConnection): void {
    let members = this.groups.get(group);
    if (!members) {
      members = new Set();
      this.groups.set(group, members);
    }
    members.add(connection);
  }

  private untrack(group: string, connection: SocketConnection): void {
    const members = this.groups.get(group);
    members?.delete(connection);
    if (members?.size === 0) this.groups.delete(group);
  }

  /** Closes every open connection of `group` (e.g. the sessions of a revoked invitation); returns how many. */
  closeGroup(group: string, code: CloseCode, reason: string): number {
    const members = [...(this.groups.get(group) ?? [])];
    for (const connection of members) connection.close(code, reason);
    return members.length;
  }

  /** Closes every open socket with `code` (e.g. GoingAway on shutdown). */
  closeAll(code: CloseCode, reason: string): void {
    for (const socket of this.server.clients) socket.close(code, reason);
  }

  /** Drops every socket at once, without a close handshake (the last step of a shutdown). */
  terminateAll(): void {
    for (const socket of this.server.clients) socket.terminate();
  }
}

/** A `Connection` over one upgraded socket. */
class SocketConnection implements Connection {
  readonly id = randomUUID();
  /** Set once we or the peer started closing; later frames are ignored. */
  closing = false;
  private readonly socket: WebSocket;

  constructor(ws: WSContext) {
    // We created the WebSocketServer, so the raw socket is a `ws` WebSocket (bufferedAmount, typed send).
    this.socket = ws.raw as WebSocket;
  }

  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }

  send(frame: Uint8Array): void {
    if (this.closing || this.socket.readyState !== this.socket.OPEN) return;
    try {
      this.socket.send(frame);
    } catch {
      // The socket went away between the check and the send; its close event follows.
    }
  }

  close(code: CloseCode, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    try {
      this.socket.close(code, truncateUtf8(reason, MAX_REASON_BYTES));
      // A peer that does not read would never see the close frame behind its backlog: drop it now, so neither
      // the socket nor its buffer outlive the decision.
      if (this.socket.bufferedAmount > STALLED_BYTES) this.socket.terminate();
    } catch {
      this.socket.terminate();
    }
  }
}

/** Unsent bytes beyond which a closing connection is dropped instead of waiting for the close handshake. */
const STALLED_BYTES = 256 * 1024;

/** Cuts `text` to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let result = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > maxBytes) break;
    result += char;
    bytes += size;
  }
  return result;
}

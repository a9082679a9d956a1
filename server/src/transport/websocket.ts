import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { CloseCode, type DocumentId, isDocumentId } from '@travaux/shared';
import { Hono } from 'hono';
import { type WebSocket, WebSocketServer } from 'ws';
import { ApiError, type ApiErrorCode, errorBody } from '../http/errors.ts';
import type { Logger } from '../log.ts';
import type { Connection, ConnectionHandler } from './connection.ts';

/**
 * The outcome of authorizing a sync request: a grant (opaque to the transport) with the groups it belongs to
 * (each closed together on revocation: an invitation's connections, one person's) and when it ends, or a
 * refusal to send as a close code.
 */
export type SyncAuthorization<G> =
  | {
      readonly ok: true;
      readonly grant: G;
      readonly groups: readonly string[];
      readonly expiresAt: number;
    }
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
  /** Told the code of every close this server starts (refusals are 4xxx; metrics count them). */
  onServerClose: ((code: number) => void) | null = null;

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
      socket.close = (code?: number, reason?: string | Buffer) => {
        if (socket.readyState === socket.OPEN) this.onServerClose?.(code ?? 1005);
        close(code, code === CloseCode.MessageTooBig && !reason ? 'message too big' : reason);
      };
    });
  }

  /**
   * The Hono sub-app for a plain `GET /:documentId` under the sync path (no upgrade): 404 JSON for an invalid
   * or unknown id, otherwise 426. The upgrade itself is handled by `listen`, on the raw HTTP server.
   */
  routes<G>(endpoint: SyncEndpoint<G>): Hono {
    this.endpoint = endpoint as SyncEndpoint<unknown>;
    const app = new Hono();
    app.get('/:documentId', async (c) => {
      const header = c.req.header('authorization');
      const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : (c.req.query('token') ?? null);
      await this.decide(endpoint, c.req.param('documentId'), token);
      throw new ApiError(426, 'upgrade_required', `${c.req.path} is a WebSocket endpoint`);
    });
    return app;
  }

  /**
   * Takes over the WebSocket upgrades of `server` for `${path}/:documentId`: the same decision as `routes`
   * (authorization first, then 404 for an unknown document), then the upgrade straight on `ws`. Nothing of the
   * HTTP request outlives the handshake, so an idle connection costs only its socket and its room membership.
   */
  listen(server: Server, path: string): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      // Until the upgrade completes nothing else listens for errors on this socket.
      const ignore = () => {};
      socket.on('error', ignore);
      void this.upgrade(request, socket, head, path).then(
        () => socket.off('error', ignore),
        (error: unknown) => {
          if (error instanceof ApiError) refuseUpgrade(socket, error.status, error.reason, error.message);
          else {
            this.logger.error('websocket upgrade failed', error);
            refuseUpgrade(socket, 500, 'internal_error', 'internal server error');
          }
        },
      );
    });
  }

  private endpoint: SyncEndpoint<unknown> | null = null;

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, path: string): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const segment = url.pathname.startsWith(`${path}/`) ? url.pathname.slice(path.length + 1) : null;
    const documentId = segment === null ? null : safeDecode(segment);
    const endpoint = this.endpoint;
    if (request.method !== 'GET' || documentId === null || documentId.includes('/') || !endpoint) {
      throw new ApiError(404, 'not_found', `no route for ${request.method} ${url.pathname}`);
    }
    if (request.headers.upgrade?.toLowerCase() !== 'websocket') {
      throw new ApiError(426, 'upgrade_required', `${url.pathname} is a WebSocket endpoint`);
    }
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : url.searchParams.get('token');
    const authorization = await this.decide(endpoint, documentId, token);
    if (socket.destroyed) return;
    this.server.handleUpgrade(request, socket, head, (ws) => {
      this.server.emit('connection', ws, request);
      this.open(ws, documentId as DocumentId, authorization, endpoint);
    });
  }

  /** Authorizes before anything else, so nobody learns which documents exist without a valid token. */
  private async decide<G>(
    endpoint: SyncEndpoint<G>,
    documentId: string,
    token: string | null,
  ): Promise<SyncAuthorization<G>> {
    const authorization = isDocumentId(documentId)
      ? await endpoint.authorize(documentId, token)
      : ({ ok: false, code: CloseCode.Unauthorized, reason: 'invalid document id' } as const);
    const unknown = !authorization.ok && authorization.code === CloseCode.DocumentNotFound;
    if (unknown || (authorization.ok && !(await endpoint.documentExists(documentId as DocumentId)))) {
      throw new ApiError(404, 'document_not_found', `no document with id ${JSON.stringify(documentId)}`);
    }
    return authorization;
  }

  /** Serves one upgraded socket: binary frames to the room's handler, text frames refused, then one close. */
  private open<G>(
    ws: WebSocket,
    documentId: DocumentId,
    authorization: SyncAuthorization<G>,
    endpoint: SyncEndpoint<G>,
  ): void {
    const connection = new SocketConnection(ws);
    // A refused token still gets the upgrade, then a named close code: y-websocket stops retrying on 4xxx,
    // where an HTTP 401 would only look like a network failure to a browser.
    if (!authorization.ok) {
      connection.close(authorization.code, authorization.reason);
      return;
    }
    for (const group of authorization.groups) this.track(group, connection);
    const remaining = authorization.expiresAt - Date.now();
    const expiry = setTimeout(
      () => connection.close(CloseCode.Unauthorized, 'session expired'),
      Math.max(0, Math.min(remaining, 2_147_483_647)),
    );
    let handler: ConnectionHandler | null = null;
    ws.on('close', () => {
      clearTimeout(expiry);
      connection.closing = true;
      for (const group of authorization.groups) this.untrack(group, connection);
      handler?.onClose();
      handler = null;
    });
    ws.on('message', (data, isBinary) => {
      if (!handler || connection.closing) return;
      if (!isBinary) {
        connection.close(CloseCode.UnsupportedData, 'text frames are not supported');
        return;
      }
      // ws hands a Buffer (binaryType 'nodebuffer'); a view on it, without a copy.
      const bytes = data as Buffer;
      handler.onMessage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    });
    try {
      handler = endpoint.connect(documentId, connection, authorization.grant);
    } catch (error) {
      this.logger.error(`connecting to document ${documentId} failed`, error);
      connection.close(CloseCode.GoingAway, 'server shutting down');
    }
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

  /**
   * Closes every open connection of `group` (the sessions of a revoked invitation, or of one person whose
   * session ended); returns how many.
   */
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

  constructor(socket: WebSocket) {
    this.socket = socket;
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

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Answers an upgrade request that is refused with an HTTP error and the JSON body of every API error. */
function refuseUpgrade(socket: Duplex, status: number, reason: string, message: string): void {
  if (socket.destroyed) return;
  const body = JSON.stringify(errorBody(reason as ApiErrorCode, message));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
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

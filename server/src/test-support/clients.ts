import { SYNC_PATH, treatyFragment, treatyTitle } from '@travaux/shared';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** Polls `check` until it returns true; rejects with `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A stock y-websocket client in Node: no BroadcastChannel (it would sync without the server), `ws` sockets. */
export interface SyncClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** Resolves once the provider has synced with the server. */
  synced(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

/** Connects a `WebsocketProvider` to `documentId` on the server at `httpUrl` (http://host:port). */
export function connectClient(
  httpUrl: string,
  documentId: string,
  token: string,
  doc = new Y.Doc(),
): SyncClient {
  const provider = new WebsocketProvider(`${httpUrl.replace(/^http/, 'ws')}${SYNC_PATH}`, documentId, doc, {
    disableBc: true,
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  return {
    doc,
    provider,
    synced: (timeoutMs = 5000) => waitFor(`${documentId} to sync`, () => provider.synced, timeoutMs),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** What a raw socket saw: its close code and reason, or the HTTP status that refused the upgrade. */
export interface RawOutcome {
  readonly code: number;
  readonly reason: string;
}

/** A raw `ws` client for sending frames that no well-behaved provider would send. */
export class RawClient {
  readonly socket: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<RawOutcome>;
  /** Every binary frame received, in order. */
  readonly received: Uint8Array[] = [];
  /** Set when the server refused the upgrade with an HTTP response. */
  refused: { status: number; body: string } | null = null;

  constructor(httpUrl: string, documentId: string, token: string | null) {
    const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
    this.socket = new WebSocket(`${httpUrl.replace(/^http/, 'ws')}${SYNC_PATH}/${documentId}${query}`);
    this.socket.on('error', () => {});
    this.socket.on('message', (data: Buffer) => this.received.push(new Uint8Array(data)));
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => {
          body += chunk.toString('utf8');
        });
        response.on('end', () => {
          this.refused = { status: response.statusCode ?? 0, body };
          reject(new Error(`upgrade refused with ${response.statusCode}`));
        });
      });
    });
    this.opened.catch(() => {});
    this.closed = new Promise((resolve) => {
      this.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }));
    });
  }

  send(data: Uint8Array | string): void {
    this.socket.send(data);
  }

  destroy(): void {
    this.socket.terminate();
  }
}

/**
 * The Y.XmlText of a treaty's title, for tests that stream the chair's edits into a document: the server checks
 * the shape of what it stores (SH rules), so such tests write into the treaty, not into generic Yjs types.
 */
export const titleText = (doc: Y.Doc) => (treatyFragment(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;

/** The edit tokens (`r<...>;`) that a streaming test wrote into a document's title, in the title's order. */
export const editsIn = (doc: Y.Doc): string[] => treatyTitle(doc).match(/r[\d-w]+;/g) ?? [];

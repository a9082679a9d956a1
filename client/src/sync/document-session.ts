import type { DocumentId } from '@travaux/shared';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterNextPaint, type FlushScheduler } from '../app/after-next-paint.ts';
import type { RoomUser } from '../features/presence/room-user.ts';
import {
  type ConnectionEvent,
  type ConnectionFacts,
  initialConnection,
  reduceConnection,
} from './connection-state.ts';
import { batchRemoteUpdates } from './remote-batch.ts';

/** How a session reaches the sync server; the polyfill and `disableBc` exist for Node tests. */
export interface SessionOptions {
  readonly serverUrl: string;
  /** The session token; sent as the `token` query parameter (browsers cannot set WebSocket headers). */
  readonly token?: string;
  readonly WebSocketPolyfill?: typeof WebSocket;
  readonly disableBc?: boolean;
  /**
   * When the updates relayed by the server are applied (see `batchRemoteUpdates`): by default just after the
   * next paint in a browser, and one by one as they arrive where there are no frames (Node).
   */
  readonly remoteBatching?: FlushScheduler | 'none';
}

/**
 * One open document: its Y.Doc, the WebsocketProvider that syncs it and the connection facts derived from the
 * provider's events. Framework-free so that it can be driven from a test; `destroy()` releases everything.
 */
export class DocumentSession {
  readonly ydoc: Y.Doc;
  readonly provider: WebsocketProvider;
  #facts: ConnectionFacts;
  readonly #listeners = new Set<() => void>();
  readonly #teardown: (() => void)[] = [];

  constructor(documentId: DocumentId, user: RoomUser, options: SessionOptions) {
    this.ydoc = new Y.Doc();
    const online = typeof navigator === 'undefined' ? true : navigator.onLine;
    this.#facts = initialConnection(online);
    this.provider = new WebsocketProvider(options.serverUrl, documentId, this.ydoc, {
      connect: false,
      ...(options.token ? { params: { token: options.token } } : {}),
      // Off by default: every edit goes through the server, which validates and attributes it (no tab-to-tab side channel).
      disableBc: options.disableBc ?? true,
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    });
    this.provider.awareness.setLocalStateField('user', user);
    const batching =
      options.remoteBatching ?? (typeof requestAnimationFrame === 'function' ? afterNextPaint : 'none');
    if (batching !== 'none') this.#teardown.push(batchRemoteUpdates(this.provider, batching));

    const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) =>
      this.#apply({ type: 'socket', status });
    const onSync = (synced: boolean) => this.#apply({ type: 'synced', synced });
    const onClose = () => this.#apply({ type: 'connection-closed' });
    // y-websocket stops reconnecting after a 4xxx close and reports it here.
    const onRefused = ({ code, reason }: { code: number; reason: string }) =>
      this.#apply({ type: 'refused', refusal: { code, reason } });
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      // Updates the provider applied came from the server (or another tab): they are not local changes.
      if (origin !== this.provider) this.#apply({ type: 'local-update' });
    };
    this.provider.on('status', onStatus);
    this.provider.on('sync', onSync);
    this.provider.on('connection-close', onClose);
    this.provider.on('closed', onRefused);
    this.ydoc.on('update', onUpdate);
    this.#teardown.push(() => {
      this.provider.off('status', onStatus);
      this.provider.off('sync', onSync);
      this.provider.off('connection-close', onClose);
      this.provider.off('closed', onRefused);
      this.ydoc.off('update', onUpdate);
    });

    if (typeof window !== 'undefined') {
      const onOnline = () => this.#apply({ type: 'browser-online', online: true });
      const onOffline = () => this.#apply({ type: 'browser-online', online: false });
      window.addEventListener('online', onOnline);
      window.addEventListener('offline', onOffline);
      this.#teardown.push(() => {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
      });
    }
    this.provider.connect();
  }

  /** The current connection facts (a new object after every change, for `useSyncExternalStore`). */
  getConnection = (): ConnectionFacts => this.#facts;

  /** Calls `listener` after every change of the connection facts; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Closes the connection, announces departure to the room and frees the Y.Doc's timers. */
  destroy(): void {
    for (const undo of this.#teardown.splice(0)) undo();
    this.#listeners.clear();
    this.provider.awareness.setLocalState(null);
    this.provider.destroy();
    this.provider.awareness.destroy();
    this.ydoc.destroy();
  }

  #apply(event: ConnectionEvent): void {
    const next = reduceConnection(this.#facts, event);
    if (next === this.#facts) return;
    this.#facts = next;
    for (const listener of this.#listeners) listener();
  }
}

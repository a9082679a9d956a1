/**
 * Connection state of a document session as a pure reducer over provider events, so that the rules below are
 * tested in Node without a socket. The React hook only feeds events in and renders `deriveConnection`.
 */

/** What the status bar shows: never synced yet, live, trying again after a drop, or given up for now. */
export type ConnectionPhase = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

/** A close by the server that says reconnecting is pointless (4xxx codes, see `CloseCode` in shared). */
export interface Refusal {
  readonly code: number;
  readonly reason: string;
}

/** Raw facts gathered from the provider and the browser. */
export interface ConnectionFacts {
  /** Last `status` event of the WebsocketProvider. */
  readonly socket: 'connecting' | 'connected' | 'disconnected';
  /** Whether the provider has finished the sync handshake on the current connection. */
  readonly synced: boolean;
  /** Whether the provider has ever synced in this session (the editor is shown only after that). */
  readonly everSynced: boolean;
  /** `navigator.onLine`: false means there is certainly no network. */
  readonly browserOnline: boolean;
  /** Connection attempts that closed since the last successful sync. */
  readonly failedAttempts: number;
  /** Local Y.Doc updates made while not connected and synced; the server has not confirmed them. */
  readonly unsynced: number;
  /** Set when the server closed the connection for good (revoked access, another negotiation...). */
  readonly refused: Refusal | null;
}

/** Events the session feeds into `reduceConnection`. */
export type ConnectionEvent =
  | { readonly type: 'socket'; readonly status: ConnectionFacts['socket'] }
  | { readonly type: 'synced'; readonly synced: boolean }
  | { readonly type: 'connection-closed' }
  | { readonly type: 'browser-online'; readonly online: boolean }
  | { readonly type: 'local-update' }
  | { readonly type: 'refused'; readonly refusal: Refusal };

/** After this many closed attempts in a row, "Reconnecting…" becomes "Offline — N unsynced changes". */
export const OFFLINE_AFTER_FAILED_ATTEMPTS = 3;

/** The facts of a session that has just been created. */
export function initialConnection(browserOnline: boolean): ConnectionFacts {
  return {
    socket: 'connecting',
    synced: false,
    everSynced: false,
    browserOnline,
    failedAttempts: 0,
    unsynced: 0,
    refused: null,
  };
}

function isLive(facts: ConnectionFacts): boolean {
  return facts.socket === 'connected' && facts.synced;
}

/** Applies one provider or browser event; returns the same object when nothing changed. */
export function reduceConnection(facts: ConnectionFacts, event: ConnectionEvent): ConnectionFacts {
  switch (event.type) {
    case 'socket': {
      if (event.status === facts.socket) return facts;
      // y-websocket resets `synced` whenever a connection opens or closes; mirror it so a stale flag from the
      // previous connection never counts as live.
      return { ...facts, socket: event.status, synced: event.status === 'connected' ? facts.synced : false };
    }
    case 'synced': {
      if (!event.synced) return facts.synced ? { ...facts, synced: false } : facts;
      const next = { ...facts, synced: true, everSynced: true, failedAttempts: 0 };
      // The sync handshake exchanged both state vectors: every local change is now on the server.
      return isLive(next) ? { ...next, unsynced: 0 } : next;
    }
    case 'connection-closed':
      return { ...facts, failedAttempts: facts.failedAttempts + 1, synced: false };
    case 'browser-online':
      return event.online === facts.browserOnline ? facts : { ...facts, browserOnline: event.online };
    case 'refused':
      return { ...facts, refused: event.refusal, synced: false, socket: 'disconnected' };
    case 'local-update':
      // While live, the provider sends each update at once; only updates made without a server count.
      return isLive(facts) ? facts : { ...facts, unsynced: facts.unsynced + 1 };
  }
}

/** The phase shown to the user, derived from the facts. */
export function deriveConnection(facts: ConnectionFacts): ConnectionPhase {
  if (facts.refused) return 'refused';
  if (isLive(facts)) return 'connected';
  if (!facts.browserOnline) return 'offline';
  if (facts.failedAttempts >= OFFLINE_AFTER_FAILED_ATTEMPTS) return 'offline';
  return facts.everSynced ? 'reconnecting' : 'connecting';
}

import type { DocumentId } from '@travaux/shared';

/**
 * One committed batch of Yjs updates, each tagged with the connection it came from so that no connection is
 * sent its own edit back. Updates are only published after they are stored (commit before broadcast).
 */
export interface UpdateBroadcast {
  readonly kind: 'update';
  readonly parts: readonly { readonly origin: string; readonly update: Uint8Array }[];
  /** Every part merged into one update (`Y.mergeUpdates`), as it was stored. */
  readonly merged: Uint8Array;
  /** True when it came from another node (Redis): the receiving room applies `merged` to its own Y.Doc first. */
  readonly remote?: boolean;
}

/** A y-protocols awareness update; `origin` is the connection it came from, or null for the server itself. */
export interface AwarenessBroadcast {
  readonly kind: 'awareness';
  readonly origin: string | null;
  readonly update: Uint8Array;
  /** True when it came from another node (Redis). */
  readonly remote?: boolean;
}

/**
 * Asks the other nodes' rooms of the document for the presence of their own connections (a room just loaded
 * there, SN10); each answers with an `AwarenessBroadcast`. A room ignores its own node's query.
 */
export interface PresenceQuery {
  readonly kind: 'presence-query';
  readonly remote?: boolean;
}

/** What travels between the rooms of one document. */
export type Broadcast = UpdateBroadcast | AwarenessBroadcast | PresenceQuery;

/** Receives every broadcast published for a document. */
export type BroadcastListener = (broadcast: Broadcast) => void;

/**
 * Delivers a document's broadcasts to every room subscribed to that document, including the publisher's own
 * room (which sends them on to its connections). The in-process implementation serves one node; a Redis one
 * can replace it behind this interface, its remote rooms applying update broadcasts to their own Y.Doc.
 */
export interface Fanout {
  /** Delivers `broadcast` to every current subscriber of `documentId`, in publish order. */
  publish(documentId: DocumentId, broadcast: Broadcast): void;
  /** Adds `listener` for `documentId`; the returned function removes it again (calling it twice is harmless). */
  subscribe(documentId: DocumentId, listener: BroadcastListener): () => void;
}

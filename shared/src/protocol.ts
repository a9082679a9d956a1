/**
 * The sync endpoint speaks the standard y-websocket protocol (y-protocols sync + awareness); these are the
 * message types it accepts, as the first varint of every binary frame.
 */
export const MessageType = {
  sync: 0,
  awareness: 1,
  /** y-protocols auth: the server tells a read-only client its writes are refused ("permission denied"). */
  auth: 2,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/**
 * WebSocket close codes the server uses, each with the reason string it sends. Standard codes where one fits
 * (RFC 6455 §7.4.1), 4xxx application codes otherwise.
 */
export const CloseCode = {
  /** The server is shutting down or unloading; reconnecting later is expected to work. */
  GoingAway: 1001,
  /** The frame was text, or its first varint names no known message type. */
  UnsupportedData: 1003,
  /**
   * The document was archived, restored, released or withheld (AC13) while the connection was open: reconnect,
   * and the server grants what the document's new state allows (read-only when archived, not found when withheld).
   */
  AccessChanged: 1012,
  /** The frame could not be decoded: truncated varint, bad length, or an update Yjs cannot read. */
  MalformedMessage: 1007,
  /** The frame exceeded the configured size limit (`TRAVAUX_MAX_MESSAGE_BYTES`). */
  MessageTooBig: 1009,
  /** An unexpected server fault; nothing from this connection was stored after it. */
  InternalError: 1011,
  /** The session token is missing, invalid, expired or was revoked (also on an open connection). */
  Unauthorized: 4401,
  /** The token is valid but for another negotiation than the document's. */
  Forbidden: 4403,
  /** No document exists under the requested id. */
  DocumentNotFound: 4404,
  /**
   * An update broke the shape of a treaty document (SPEC SH1–SH7: a top-level type, element, attribute,
   * formatting or record the layout does not have, or a bound); the reason starts with the rule id. Nothing of
   * it was stored or forwarded; the client must reload the document from the server.
   */
  ShapeViolation: 4400,
  /** Too many refused updates from this person lately: reconnecting is refused for a backoff that grows. */
  TooManyRefusals: 4429,
  /** An update carried structs of a Yjs client id that another person owns (AC7). */
  ClientIdTaken: 4409,
  /**
   * An update broke a proposal rule (SPEC PR1–PR5, PR7); the reason starts with the rule id. Nothing of it was
   * stored or forwarded; the client must reload the document from the server.
   */
  RuleViolation: 4422,
  /**
   * A presence (awareness) state exceeded `TRAVAUX_MAX_PRESENCE_BYTES` (SPEC GD4). Nothing of that frame was
   * relayed; an honest client's presence (name, caret) is far below the bound.
   */
  PresenceTooLarge: 4413,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Path prefix of the sync endpoint: `ws://host:port/sync/:documentId`. */
export const SYNC_PATH = '/sync';

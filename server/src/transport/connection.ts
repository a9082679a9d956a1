import type { CloseCode } from '@travaux/shared';

/**
 * One client's byte pipe, as the transport hands it to the rooms: binary frames out, a close with a named
 * code. `send` and `close` are no-ops once the connection is closing; neither ever throws.
 */
export interface Connection {
  /** Unique per connection for the life of the process. */
  readonly id: string;
  send(frame: Uint8Array): void;
  /** Closes with `code` and `reason` (cut to the 123 bytes a close frame allows). */
  close(code: CloseCode, reason: string): void;
  /** Bytes queued for sending but not yet handed to the network (backpressure). */
  readonly bufferedAmount: number;
}

/** What the transport calls for a connection: every binary frame in arrival order, then one close. */
export interface ConnectionHandler {
  onMessage(frame: Uint8Array): void;
  onClose(): void;
}

import { CloseCode, MessageType } from '@travaux/shared';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';

/** A decoded client frame of the y-websocket protocol. Byte arrays are copies that own their buffer. */
export type ClientMessage =
  | { readonly kind: 'sync-step-1'; readonly stateVector: Uint8Array }
  | { readonly kind: 'sync-step-2'; readonly update: Uint8Array }
  | { readonly kind: 'sync-update'; readonly update: Uint8Array }
  | { readonly kind: 'awareness'; readonly update: Uint8Array };

/** Why a frame was refused: the close code to send (from `CloseCode`) and a short reason (≤ 123 bytes). */
export interface FrameRejection {
  readonly code: CloseCode;
  readonly reason: string;
}

/** The result of `decodeClientFrame`: a message, or the rejection that closes the connection. */
export type DecodedFrame =
  | { readonly ok: true; readonly message: ClientMessage }
  | ({ readonly ok: false } & FrameRejection);

/**
 * Decodes one binary frame from a client, checking every length and that nothing trails the message. Does not
 * judge the Yjs update inside a sync message (the room's `admitUpdate` does); it does check state vectors and
 * awareness updates fully, JSON included. Never throws.
 */
export function decodeClientFrame(frame: Uint8Array): DecodedFrame {
  const reader = new FrameReader(frame);
  try {
    const type = reader.varUint('message type');
    if (type === MessageType.sync) return decodeSync(reader);
    if (type === MessageType.awareness) {
      const update = reader.bytes('awareness update');
      reader.end('awareness message');
      checkAwarenessUpdate(update);
      return accept({ kind: 'awareness', update });
    }
    return reject(CloseCode.UnsupportedData, `unknown message type ${type}`);
  } catch (error) {
    if (error instanceof MalformedFrame) return reject(CloseCode.MalformedMessage, error.message);
    throw error;
  }
}

function decodeSync(reader: FrameReader): DecodedFrame {
  const step = reader.varUint('sync message type');
  switch (step) {
    case syncProtocol.messageYjsSyncStep1: {
      const stateVector = reader.bytes('state vector');
      reader.end('sync step 1');
      checkStateVector(stateVector);
      return accept({ kind: 'sync-step-1', stateVector });
    }
    case syncProtocol.messageYjsSyncStep2: {
      const update = reader.bytes('sync step 2 update');
      reader.end('sync step 2');
      return accept({ kind: 'sync-step-2', update });
    }
    case syncProtocol.messageYjsUpdate: {
      const update = reader.bytes('update');
      reader.end('sync update');
      return accept({ kind: 'sync-update', update });
    }
    default:
      return reject(CloseCode.UnsupportedData, `unknown sync message type ${step}`);
  }
}

/** A state vector is a count, then that many (client id, clock) pairs, and nothing else. */
function checkStateVector(bytes: Uint8Array): void {
  const reader = new FrameReader(bytes);
  const count = reader.varUint('state vector length');
  for (let i = 0; i < count; i++) {
    reader.varUint('state vector client');
    reader.varUint('state vector clock');
  }
  reader.end('state vector');
}

/** An awareness update is a count, then (client id, clock, JSON state) entries, and nothing else. */
function checkAwarenessUpdate(bytes: Uint8Array): void {
  const reader = new FrameReader(bytes);
  const count = reader.varUint('awareness length');
  for (let i = 0; i < count; i++) {
    reader.varUint('awareness client');
    reader.varUint('awareness clock');
    const json = reader.string('awareness state');
    try {
      JSON.parse(json);
    } catch {
      throw new MalformedFrame('awareness state is not JSON');
    }
  }
  reader.end('awareness update');
}

function accept(message: ClientMessage): DecodedFrame {
  return { ok: true, message };
}

function reject(code: CloseCode, reason: string): DecodedFrame {
  return { ok: false, code, reason };
}

class MalformedFrame extends Error {
  override name = 'MalformedFrame';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads lib0 varints and length-prefixed byte arrays with bounds checks. lib0's own `readVarUint8Array` does
 * not check the length against the view, and a ws Buffer is a view into a larger pooled buffer.
 */
class FrameReader {
  private pos = 0;

  constructor(private readonly data: Uint8Array) {}

  varUint(what: string): number {
    let value = 0;
    let factor = 1;
    while (this.pos < this.data.length) {
      const byte = this.data[this.pos++]!;
      value += (byte & 0x7f) * factor;
      if (byte < 0x80) {
        if (value > Number.MAX_SAFE_INTEGER) throw new MalformedFrame(`${what}: varint out of range`);
        return value;
      }
      factor *= 128;
      if (factor > 2 ** 56) throw new MalformedFrame(`${what}: varint too long`);
    }
    throw new MalformedFrame(`${what}: truncated varint`);
  }

  /** A varint length, then that many bytes, copied into a buffer of their own. */
  bytes(what: string): Uint8Array {
    const length = this.varUint(`${what} length`);
    if (length > this.data.length - this.pos) {
      throw new MalformedFrame(
        `${what}: length ${length} exceeds the ${this.data.length - this.pos} bytes left`,
      );
    }
    const bytes = this.data.slice(this.pos, this.pos + length);
    this.pos += length;
    return bytes;
  }

  string(what: string): string {
    try {
      return utf8.decode(this.bytes(what));
    } catch (error) {
      if (error instanceof MalformedFrame) throw error;
      throw new MalformedFrame(`${what}: invalid UTF-8`);
    }
  }

  end(what: string): void {
    const left = this.data.length - this.pos;
    if (left !== 0) throw new MalformedFrame(`${what}: ${left} trailing bytes`);
  }
}

/** Frame: sync step 1 carrying the state vector `stateVector` of the server's document. */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return frame(MessageType.sync, syncProtocol.messageYjsSyncStep1, stateVector);
}

/** Frame: sync step 2 carrying `update`, what the client lacks. */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return frame(MessageType.sync, syncProtocol.messageYjsSyncStep2, update);
}

/** Frame: a sync update carrying `update`. */
export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  return frame(MessageType.sync, syncProtocol.messageYjsUpdate, update);
}

/** Frame: an awareness message carrying `update` (from y-protocols' `encodeAwarenessUpdate`). */
export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

function frame(type: number, step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** y-protocols auth "permission denied" with `reason`: tells a read-only client its writes are refused. */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.auth);
  encoding.writeVarUint(encoder, 0); // y-protocols/auth messagePermissionDenied
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

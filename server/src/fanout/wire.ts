import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Broadcast } from './fanout.ts';

/** Version of the message layout below; a node drops messages of another version (and says so once). */
export const WIRE_VERSION = 2;

/** A broadcast as it travels between nodes: which node sent it, and its place in that node's sequence. */
export interface NodeMessage {
  readonly nodeId: string;
  /** 1, 2, 3... per node and document: a gap means messages were lost (pub/sub is at-most-once). */
  readonly seq: number;
  /** When the sender published it (ms since the epoch; 0 if unknown): receivers measure the fan-out lag. */
  readonly sentAt?: number;
  readonly broadcast: Broadcast;
}

const UPDATE = 0;
const AWARENESS = 1;
const PRESENCE_QUERY = 2;

/** Encodes `message` for a Redis channel (binary, lib0 encoding). */
export function encodeNodeMessage(message: NodeMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, WIRE_VERSION);
  encoding.writeVarString(encoder, message.nodeId);
  encoding.writeVarUint(encoder, message.seq);
  encoding.writeVarUint(encoder, message.sentAt ?? 0);
  const { broadcast } = message;
  if (broadcast.kind === 'update') {
    encoding.writeVarUint(encoder, UPDATE);
    encoding.writeVarUint(encoder, broadcast.parts.length);
    for (const part of broadcast.parts) {
      encoding.writeVarString(encoder, part.origin);
      encoding.writeVarUint8Array(encoder, part.update);
    }
    encoding.writeVarUint8Array(encoder, broadcast.merged);
  } else if (broadcast.kind === 'presence-query') {
    encoding.writeVarUint(encoder, PRESENCE_QUERY);
  } else {
    encoding.writeVarUint(encoder, AWARENESS);
    encoding.writeVarUint(encoder, broadcast.origin === null ? 0 : 1);
    if (broadcast.origin !== null) encoding.writeVarString(encoder, broadcast.origin);
    encoding.writeVarUint8Array(encoder, broadcast.update);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Decodes a message of `encodeNodeMessage`; throws on anything else (another version, truncated, trailing
 * bytes), so a node never delivers half a message.
 */
export function decodeNodeMessage(bytes: Uint8Array): NodeMessage {
  const decoder = decoding.createDecoder(bytes);
  const version = decoding.readVarUint(decoder);
  if (version !== WIRE_VERSION) throw new Error(`node message version ${version}, expected ${WIRE_VERSION}`);
  const nodeId = decoding.readVarString(decoder);
  const seq = decoding.readVarUint(decoder);
  const sentAt = decoding.readVarUint(decoder);
  const kind = decoding.readVarUint(decoder);
  let broadcast: Broadcast;
  if (kind === UPDATE) {
    const count = decoding.readVarUint(decoder);
    const parts: { origin: string; update: Uint8Array }[] = [];
    for (let i = 0; i < count; i++) {
      const origin = decoding.readVarString(decoder);
      parts.push({ origin, update: decoding.readVarUint8Array(decoder) });
    }
    broadcast = { kind: 'update', parts, merged: decoding.readVarUint8Array(decoder) };
  } else if (kind === AWARENESS) {
    const origin = decoding.readVarUint(decoder) === 1 ? decoding.readVarString(decoder) : null;
    broadcast = { kind: 'awareness', origin, update: decoding.readVarUint8Array(decoder) };
  } else if (kind === PRESENCE_QUERY) {
    broadcast = { kind: 'presence-query' };
  } else {
    throw new Error(`unknown node message kind ${kind}`);
  }
  if (decoding.hasContent(decoder)) throw new Error('node message has trailing bytes');
  return { nodeId, seq, sentAt, broadcast };
}

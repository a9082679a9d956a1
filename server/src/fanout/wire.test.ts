import { describe, expect, it } from 'vitest';
import type { Broadcast } from './fanout.ts';
import { decodeNodeMessage, encodeNodeMessage, WIRE_VERSION } from './wire.ts';

describe('node messages', () => {
  const update: Broadcast = {
    kind: 'update',
    parts: [
      { origin: 'conn-1', update: new Uint8Array([1, 2]) },
      { origin: 'conn-2', update: new Uint8Array(0) },
    ],
    merged: new Uint8Array([1, 2, 255]),
  };

  it('SN6: round-trips updates and presence exactly, with the node and its sequence number', () => {
    for (const broadcast of [
      update,
      { kind: 'awareness', origin: 'conn-1', update: new Uint8Array([9]) },
      { kind: 'awareness', origin: null, update: new Uint8Array(0) },
      { kind: 'presence-query' },
    ] satisfies Broadcast[]) {
      const message = { nodeId: 'node-ü', seq: 2 ** 40, sentAt: 1_765_000_000_123, broadcast };
      expect(decodeNodeMessage(encodeNodeMessage(message))).toEqual(message);
    }
  });

  it('SN6: refuses another version, an unknown kind, trailing bytes and truncation rather than deliver half a message', () => {
    const bytes = encodeNodeMessage({ nodeId: 'n', seq: 1, broadcast: update });
    expect(() => decodeNodeMessage(new Uint8Array([WIRE_VERSION + 1, ...bytes.subarray(1)]))).toThrow(
      `node message version ${WIRE_VERSION + 1}, expected ${WIRE_VERSION}`,
    );
    expect(() => decodeNodeMessage(new Uint8Array([...bytes, 0]))).toThrow('node message has trailing bytes');
    expect(() => decodeNodeMessage(new Uint8Array([WIRE_VERSION, 1, 110, 1, 0, 7]))).toThrow(
      'unknown node message kind 7',
    );
    for (let cut = 1; cut < bytes.length; cut++)
      expect(() => decodeNodeMessage(bytes.subarray(0, cut))).toThrow();
  });
});

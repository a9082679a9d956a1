import { CloseCode, MessageType } from '@travaux/shared';
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  decodeClientFrame,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
} from './messages.ts';

function build(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function docWithText(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
}

describe('decodeClientFrame', () => {
  it('reads the frames a y-websocket client sends', () => {
    const doc = docWithText('Article 1');
    const step1 = build((e) => {
      encoding.writeVarUint(e, MessageType.sync);
      syncProtocol.writeSyncStep1(e, doc);
    });
    expect(decodeClientFrame(step1)).toEqual({
      ok: true,
      message: { kind: 'sync-step-1', stateVector: Y.encodeStateVector(doc) },
    });

    const update = Y.encodeStateAsUpdate(doc);
    const step2 = build((e) => {
      encoding.writeVarUint(e, MessageType.sync);
      syncProtocol.writeSyncStep2(e, doc);
    });
    expect(decodeClientFrame(step2)).toEqual({ ok: true, message: { kind: 'sync-step-2', update } });
    const plain = build((e) => {
      encoding.writeVarUint(e, MessageType.sync);
      syncProtocol.writeUpdate(e, update);
    });
    expect(decodeClientFrame(plain)).toEqual({ ok: true, message: { kind: 'sync-update', update } });

    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { name: 'Amina', delegation: 'KEN' } });
    const presence = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
    const frame = build((e) => {
      encoding.writeVarUint(e, MessageType.awareness);
      encoding.writeVarUint8Array(e, presence);
    });
    expect(decodeClientFrame(frame)).toEqual({ ok: true, message: { kind: 'awareness', update: presence } });
    awareness.destroy();
  });

  it('round-trips the frames the server sends', () => {
    const doc = docWithText('x');
    const sv = Y.encodeStateVector(doc);
    const update = Y.encodeStateAsUpdate(doc);
    expect(decodeClientFrame(encodeSyncStep1(sv))).toMatchObject({ message: { kind: 'sync-step-1' } });
    expect(decodeClientFrame(encodeSyncStep2(update))).toMatchObject({
      message: { kind: 'sync-step-2', update },
    });
    expect(decodeClientFrame(encodeSyncUpdate(update))).toMatchObject({
      message: { kind: 'sync-update', update },
    });
    const presence = new Uint8Array([1, 5, 1, 4, ...new TextEncoder().encode('null')]);
    expect(decodeClientFrame(encodeAwareness(presence))).toMatchObject({ message: { kind: 'awareness' } });
  });

  it('copies payloads out of the frame, so a pooled buffer cannot leak into them', () => {
    const update = Y.encodeStateAsUpdate(docWithText('abc'));
    const pool = new Uint8Array(4096).fill(7);
    const frame = encodeSyncUpdate(update);
    pool.set(frame, 100);
    const view = pool.subarray(100, 100 + frame.length);
    const decoded = decodeClientFrame(view);
    if (!decoded.ok || decoded.message.kind !== 'sync-update') throw new Error('expected an update');
    expect(decoded.message.update.buffer.byteLength).toBe(update.length);
    expect(decoded.message.update).toEqual(update);
  });

  it.each([
    ['an empty frame', new Uint8Array([])],
    ['a truncated varint', new Uint8Array([0x80])],
    ['a sync message without its type', new Uint8Array([0])],
    ['a length beyond the frame', new Uint8Array([0, 2, 10, 1, 2])],
    ['trailing bytes after an update', new Uint8Array([0, 2, 2, 0, 0, 99])],
    ['trailing bytes inside a state vector', new Uint8Array([0, 0, 2, 0, 1])],
    ['a truncated state vector', new Uint8Array([0, 0, 2, 1, 5])],
    ['an awareness state that is not JSON', new Uint8Array([1, 6, 1, 1, 1, 2, 123, 120])],
    ['an awareness state that is not UTF-8', new Uint8Array([1, 5, 1, 1, 1, 1, 0xff])],
    ['trailing bytes after an awareness update', new Uint8Array([1, 1, 0, 0])],
    [
      'a varint longer than 53 bits',
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
    ],
  ])('refuses %s as malformed (1007)', (_name, frame) => {
    const decoded = decodeClientFrame(frame);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) {
      expect(decoded.code).toBe(CloseCode.MalformedMessage);
      expect(new TextEncoder().encode(decoded.reason).length).toBeLessThanOrEqual(123);
    }
  });

  it('refuses unknown message types as unsupported (1003)', () => {
    expect(decodeClientFrame(new Uint8Array([3]))).toEqual({
      ok: false,
      code: CloseCode.UnsupportedData,
      reason: 'unknown message type 3',
    });
    expect(decodeClientFrame(new Uint8Array([0, 7, 0]))).toEqual({
      ok: false,
      code: CloseCode.UnsupportedData,
      reason: 'unknown sync message type 7',
    });
  });

  it('never throws, and refuses only with 1003 or 1007, for arbitrary bytes', () => {
    const frames = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc
        .tuple(fc.constantFrom(0, 1), fc.uint8Array({ maxLength: 64 }))
        .map(([type, rest]) => Uint8Array.of(type, ...rest)),
    );
    fc.assert(
      fc.property(frames, (frame) => {
        const decoded = decodeClientFrame(frame);
        return (
          decoded.ok ||
          decoded.code === CloseCode.MalformedMessage ||
          decoded.code === CloseCode.UnsupportedData
        );
      }),
      { numRuns: 2000 },
    );
  });
});

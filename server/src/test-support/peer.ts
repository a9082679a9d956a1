import { MessageType } from '@travaux/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Connection, ConnectionHandler } from '../transport/connection.ts';

let peers = 0;

/**
 * A y-websocket client speaking to a room directly through the `Connection` interface (no socket), for room
 * tests: it answers sync messages like WebsocketProvider does and records every frame and the close.
 */
export class TestPeer implements Connection {
  readonly id = `peer-${++peers}`;
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly received: Uint8Array[] = [];
  closed: { code: number; reason: string } | null = null;
  bufferedAmount = 0;
  private outbox: Uint8Array[] = [];
  private connected: ConnectionHandler | null = null;
  /** Called for every frame the server sends, after the peer applied it. */
  onFrame: (frame: Uint8Array) => void = () => {};

  send(frame: Uint8Array): void {
    if (this.closed) throw new Error(`${this.id}: send after close`);
    this.received.push(frame);
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.sync) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MessageType.sync);
      syncProtocol.readSyncMessage(decoder, reply, this.doc, 'server');
      if (encoding.length(reply) > 1) this.deliver(encoding.toUint8Array(reply));
    } else if (type === MessageType.awareness) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), 'server');
    }
    this.onFrame(frame);
  }

  close(code: number, reason: string): void {
    this.closed ??= { code, reason };
  }

  /**
   * The handler `RoomManager.connect` returned; the peer's frames go there. Replies the peer produced while
   * being greeted inside `connect` (before the handler existed) are sent on assignment.
   */
  get handler(): ConnectionHandler | null {
    return this.connected;
  }

  set handler(handler: ConnectionHandler | null) {
    this.connected = handler;
    const outbox = this.outbox;
    this.outbox = [];
    for (const frame of outbox) this.deliver(frame);
  }

  /** Sends a raw frame to the server. */
  deliver(frame: Uint8Array): void {
    if (this.connected) this.connected.onMessage(frame);
    else this.outbox.push(frame);
  }

  /** Sends sync step 1, as a client does on open. */
  sendSyncStep1(): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.deliver(encoding.toUint8Array(encoder));
  }

  /** Edits the peer's document and sends the edit as a sync update; returns the update. */
  type(text: string): Uint8Array {
    const before = Y.encodeStateVector(this.doc);
    const ytext = this.doc.getText('text');
    ytext.insert(ytext.length, text);
    const update = Y.encodeStateAsUpdate(this.doc, before);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeUpdate(encoder, update);
    this.deliver(encoding.toUint8Array(encoder));
    return update;
  }

  /** Sets the peer's awareness state and sends it. */
  announce(state: Record<string, unknown>): void {
    this.awareness.setLocalState(state);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.awareness);
    encoding.writeVarUint8Array(
      encoder,
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]),
    );
    this.deliver(encoding.toUint8Array(encoder));
  }

  /** The peer's text. */
  text(): string {
    return this.doc.getText('text').toString();
  }

  /** The first varint of each received frame, then the sync sub-type for sync frames (e.g. '0/0', '1'). */
  kinds(): string[] {
    return this.received.map((frame) => {
      const decoder = decoding.createDecoder(frame);
      const type = decoding.readVarUint(decoder);
      return type === MessageType.sync ? `${type}/${decoding.readVarUint(decoder)}` : String(type);
    });
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }
}

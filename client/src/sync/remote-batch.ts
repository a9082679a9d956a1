import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { messageSync, type WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { FlushScheduler } from '../app/after-next-paint.ts';

/**
 * Applies the document updates the server relays in batches, one Yjs transaction per batch, instead of one per
 * message. Each transaction on the treaty makes the editor binding rebuild the document and the view redraw, and
 * the server relays twenty peers' keystrokes as twenty messages: applied one by one, they queue in front of the
 * user's own keystroke (issue 7's keystroke-to-paint budget).
 *
 * Updates are held before they reach the Y.Doc, so the document and the editor always agree; a local edit made
 * meanwhile is simply concurrent with the held updates, which Yjs merges as it merges any two peers' edits.
 * Sync steps 1 and 2 (the handshake, and the server's answer after a reconnect) first apply whatever is held,
 * so the handshake sees the document as the server sent it.
 *
 * Returns a function that applies what is held at once and stops batching.
 */
export function batchRemoteUpdates(provider: WebsocketProvider, schedule: FlushScheduler): () => void {
  const doc = provider.doc;
  let held: Uint8Array[] = [];
  let cancel: (() => void) | null = null;

  const flush = () => {
    cancel = null;
    if (held.length === 0) return;
    const updates = held;
    held = [];
    Y.transact(
      doc,
      () => {
        for (const update of updates) Y.applyUpdate(doc, update, provider);
      },
      provider,
    );
  };

  const original = provider.messageHandlers[messageSync]!;
  provider.messageHandlers[messageSync] = (encoder, decoder, p, emitSynced, messageType) => {
    const type = decoding.peekVarUint(decoder);
    if (type !== syncProtocol.messageYjsUpdate) {
      cancel?.();
      flush();
      original(encoder, decoder, p, emitSynced, messageType);
      return;
    }
    decoding.readVarUint(decoder);
    held.push(decoding.readVarUint8Array(decoder));
    cancel ??= schedule(flush);
    // Nothing to answer: the handler's caller sends the encoder only when it holds more than the message type.
    encoding.writeVarUint(encoder, messageSync);
  };

  return () => {
    provider.messageHandlers[messageSync] = original;
    cancel?.();
    flush();
  };
}

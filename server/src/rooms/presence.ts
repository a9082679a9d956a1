import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';

/** Called with each awareness change to relay; `origin` is the connection that caused it, or null. */
export type PresenceListener = (update: Uint8Array, origin: string | null) => void;

/**
 * The awareness states (cursors, names, delegations) of one room, and which connection controls which Yjs
 * client ids, so that a connection's states are removed when it closes. The server itself has no state.
 */
export class Presence {
  private readonly awareness: awarenessProtocol.Awareness;
  private readonly controlled = new Map<string, Set<number>>();
  /** Client ids whose states came from other nodes (SN10): relayed there, never published again from here. */
  private readonly remote = new Set<number>();

  constructor(listener: PresenceListener) {
    // Awareness needs a Y.Doc only for a client id of its own (the server publishes no state), so it gets an
    // empty one: the room's document is replaced when it is rebuilt, presence stays.
    this.awareness = new awarenessProtocol.Awareness(new Y.Doc());
    this.awareness.setLocalState(null);
    this.awareness.on(
      'update',
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown,
      ) => {
        if (origin === REMOTE) {
          for (const client of [...added, ...updated]) this.remote.add(client);
          for (const client of removed) this.remote.delete(client);
          return;
        }
        if (origin === 'timeout') {
          // Every node (and every client) times out another node's states by itself: nothing to tell.
          const remoteOnly = removed.every((client) => this.remote.has(client));
          for (const client of removed) this.remote.delete(client);
          if (remoteOnly) return;
        }
        const connectionId = origin instanceof ConnectionOrigin ? origin.id : null;
        if (connectionId !== null) {
          const clients = this.controlledBy(connectionId);
          for (const client of [...added, ...updated]) clients.add(client);
          for (const client of removed) clients.delete(client);
        }
        const changed = [...added, ...updated, ...removed];
        listener(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed), connectionId);
      },
    );
  }

  /**
   * Applies an awareness update from connection `connectionId`. The update must have passed
   * `decodeClientFrame`, which checks its encoding and JSON.
   */
  apply(connectionId: string, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, new ConnectionOrigin(connectionId));
  }

  /**
   * Applies an awareness update another node published (SN10), so that a connection joining here is greeted
   * with every node's presence; the caller relays the update to this node's connections itself.
   */
  applyRemote(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
  }

  /** Removes every state that connection `connectionId` set, telling the others (y-websocket server behaviour). */
  forget(connectionId: string): void {
    const clients = this.controlled.get(connectionId);
    this.controlled.delete(connectionId);
    if (clients && clients.size > 0)
      awarenessProtocol.removeAwarenessStates(this.awareness, [...clients], null);
  }

  /** An awareness update holding every current state, for a connection that just joined; null when empty. */
  encodeAll(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()];
    return clients.length === 0 ? null : awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients);
  }

  /** An awareness update of the states this node's connections set (not other nodes'); null when none. */
  encodeOwn(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()].filter((client) => !this.remote.has(client));
    return clients.length === 0 ? null : awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients);
  }

  /** Stops the awareness timer. */
  destroy(): void {
    this.awareness.destroy();
    this.awareness.doc.destroy();
  }

  private controlledBy(connectionId: string): Set<number> {
    let clients = this.controlled.get(connectionId);
    if (!clients) {
      clients = new Set();
      this.controlled.set(connectionId, clients);
    }
    return clients;
  }
}

/** The origin of awareness changes from other nodes. */
const REMOTE = Symbol('remote presence');

/** Marks awareness changes made by a connection (Awareness' own timeout removals use the origin 'timeout'). */
class ConnectionOrigin {
  constructor(readonly id: string) {}
}

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

/** Marks awareness changes made by a connection (Awareness' own timeout removals use the origin 'timeout'). */
class ConnectionOrigin {
  constructor(readonly id: string) {}
}

import type { DocumentId } from '@travaux/shared';
import type { Broadcast, BroadcastListener, Fanout } from './fanout.ts';

/** A `Fanout` for a single server process: publishing calls each subscriber synchronously. */
export class InProcessFanout implements Fanout {
  private readonly listeners = new Map<DocumentId, Set<BroadcastListener>>();

  publish(documentId: DocumentId, broadcast: Broadcast): void {
    const listeners = this.listeners.get(documentId);
    if (!listeners) return;
    // Copy: a listener may unsubscribe (a room unloading) while we iterate.
    for (const listener of [...listeners]) listener(broadcast);
  }

  subscribe(documentId: DocumentId, listener: BroadcastListener): () => void {
    let listeners = this.listeners.get(documentId);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(documentId, listeners);
    }
    listeners.add(listener);
    return () => {
      const current = this.listeners.get(documentId);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.listeners.delete(documentId);
    };
  }

  /** Whether `documentId` has a subscriber. */
  hasSubscribers(documentId: DocumentId): boolean {
    return this.listeners.has(documentId);
  }

  /** Number of documents with at least one subscriber (for tests and diagnostics). */
  get subscribedDocuments(): number {
    return this.listeners.size;
  }
}

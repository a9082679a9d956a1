import type { DocumentId } from '@travaux/shared';
import type * as Y from 'yjs';
import type { Connection, ConnectionHandler } from '../transport/connection.ts';
import type { Author } from './guard.ts';
import { Room, type RoomOptions } from './room.ts';

/** Options of the `RoomManager`: those of each room plus the unload grace period. */
export interface RoomManagerOptions extends RoomOptions {
  /** How long a room stays loaded after its last user left; a user returning in time cancels the unload. */
  readonly unloadGraceMs: number;
  /** Called once a room has unloaded (flushed and freed); several nodes release the document's lease here. */
  readonly afterUnload?: (documentId: DocumentId) => void;
}

interface Entry {
  readonly room: Room;
  /** Connections plus reads in progress. */
  users: number;
  timer: NodeJS.Timeout | null;
}

/**
 * Owns the live rooms: loads a document's room on first use, unloads it a grace period after its last
 * connection left (flush, compact, free), and flushes everything on shutdown. A document being unloaded is
 * loaded again only after its unload finished, so the new room sees every committed update.
 */
export class RoomManager {
  private readonly entries = new Map<DocumentId, Entry>();
  private readonly unloading = new Map<DocumentId, Promise<void>>();
  private closing = false;

  constructor(private readonly options: RoomManagerOptions) {}

  /**
   * Attaches `connection` to the room of `documentId` (loading it if needed) and returns the handler the
   * transport feeds with its frames. Throws `room manager is closed` after `closeAll`.
   */
  connect(documentId: DocumentId, connection: Connection, author: Author): ConnectionHandler {
    const entry = this.acquire(documentId);
    entry.room.join(connection, author);
    this.options.logger.info(`document ${documentId}: connection ${connection.id} joined`);
    let open = true;
    return {
      onMessage: (frame) => entry.room.receive(connection.id, frame),
      onClose: () => {
        if (!open) return;
        open = false;
        entry.room.leave(connection.id);
        this.release(documentId, entry);
        this.options.logger.info(`document ${documentId}: connection ${connection.id} left`);
      },
    };
  }

  /**
   * Runs `read` on the committed state of `documentId`, loading the room if needed (it then unloads after the
   * grace period like any other). Rejects with `RoomLoadError` when the document cannot be loaded.
   */
  async read<T>(documentId: DocumentId, read: (doc: Y.Doc) => T): Promise<T> {
    const entry = this.acquire(documentId);
    try {
      return await entry.room.read(read);
    } finally {
      this.release(documentId, entry);
    }
  }

  /** SH10: a change the server makes on behalf of `author` (`Room.change`), loading the room if needed. */
  async change<T>(documentId: DocumentId, author: Author, change: (doc: Y.Doc) => T): Promise<T> {
    const entry = this.acquire(documentId);
    try {
      return await entry.room.change(author, change);
    } finally {
      this.release(documentId, entry);
    }
  }

  /** SN7: each loaded room of `documents` (default: all) catches up from the store; failures are only logged. */
  async catchUp(documents: readonly DocumentId[] = this.loadedDocuments()): Promise<void> {
    await Promise.all(
      documents.map((documentId) =>
        this.entries
          .get(documentId)
          ?.room.catchUp()
          .catch((error: unknown) =>
            this.options.logger.warn(`document ${documentId}: catching up failed: ${String(error)}`),
          ),
      ),
    );
  }

  /** Ids of the documents whose rooms are in memory (unloading ones excluded). */
  loadedDocuments(): DocumentId[] {
    return [...this.entries.keys()];
  }

  /** Resolves once no unload of `documentId` is in progress (for tests and orderly shutdown). */
  async settled(documentId: DocumentId): Promise<void> {
    await this.unloading.get(documentId);
  }

  /**
   * Unloads the room of `documentId` now, if loaded: its connections get GoingAway (clients reconnect), what
   * was admitted is flushed. Resolves once it is gone, so a room loaded after it reads the store afresh.
   */
  async unload(documentId: DocumentId): Promise<void> {
    const entry = this.entries.get(documentId);
    if (entry) this.evict(documentId, entry);
    await this.unloading.get(documentId);
  }

  /** Closes every room now (no grace period): remaining connections get GoingAway, every update is flushed. */
  async closeAll(): Promise<void> {
    this.closing = true;
    const closing: Promise<void>[] = [...this.unloading.values()];
    for (const [documentId, entry] of this.entries) {
      if (entry.timer) clearTimeout(entry.timer);
      this.entries.delete(documentId);
      closing.push(entry.room.close());
    }
    await Promise.all(closing);
  }

  private acquire(documentId: DocumentId): Entry {
    if (this.closing) throw new Error('room manager is closed');
    let entry = this.entries.get(documentId);
    if (entry?.room.failed) {
      this.evict(documentId, entry);
      entry = undefined;
    }
    if (!entry) {
      const room = new Room(documentId, this.options, this.unloading.get(documentId));
      entry = { room, users: 0, timer: null };
      this.entries.set(documentId, entry);
    }
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    entry.users += 1;
    return entry;
  }

  private release(documentId: DocumentId, entry: Entry): void {
    entry.users -= 1;
    if (entry.users > 0 || this.closing || this.entries.get(documentId) !== entry) return;
    if (entry.room.failed) {
      this.evict(documentId, entry);
      return;
    }
    entry.timer = setTimeout(() => {
      entry.timer = null;
      if (entry.users === 0 && this.entries.get(documentId) === entry) this.evict(documentId, entry);
    }, this.options.unloadGraceMs);
  }

  /** Removes the entry now and closes its room in the background; a new room for the id waits for that. */
  private evict(documentId: DocumentId, entry: Entry): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    this.entries.delete(documentId);
    const previous = this.unloading.get(documentId) ?? Promise.resolve();
    const done: Promise<void> = previous
      .then(() => entry.room.close())
      .then(() => {
        this.options.logger.info(`unloaded document ${documentId}`);
        this.options.afterUnload?.(documentId);
      })
      .catch((error: unknown) => this.options.logger.error(`unloading document ${documentId} failed`, error))
      .finally(() => {
        if (this.unloading.get(documentId) === done) this.unloading.delete(documentId);
      });
    this.unloading.set(documentId, done);
  }
}

import type { DocumentId } from '@travaux/shared';
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { DocumentStore } from '../persistence/document-store.ts';

/** Called after a room wrote a snapshot (periodic compaction and unload), with its live document. */
export type AfterCompactHook = (documentId: DocumentId, doc: Y.Doc) => void | Promise<void>;

/** What a `Compactor` needs. */
export interface CompactorOptions {
  readonly store: DocumentStore;
  readonly logger: Logger;
  /** Logged rows after which a compaction is scheduled. */
  readonly compactEvery: number;
  readonly afterCompact?: AfterCompactHook | undefined;
}

/**
 * The room's document for a snapshot, once everything admitted so far is committed (so it holds every recorded
 * row, and nothing that may yet fail to commit); null when the room cannot give one now (it is being rebuilt).
 */
export type SnapshotSource = () => Promise<Y.Doc | null>;

/**
 * Folds a room's update log into a snapshot: after `compactEvery` committed rows (in the background, off the
 * hot path) and on demand at unload. The snapshot holds at least the rows up to the last one recorded before it
 * was taken; rows committed later have higher numbers and stay in the log.
 */
export class Compactor {
  private timer: NodeJS.Immediate | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  /** `appliedSeq`: the newest row in `doc`; `loggedRows`: rows not yet in the snapshot (both as loaded). */
  constructor(
    private readonly documentId: DocumentId,
    private readonly source: SnapshotSource,
    private readonly options: CompactorOptions,
    private appliedSeq: number,
    private loggedRows: number,
  ) {
    this.scheduleIfDue();
  }

  /** Records that row `seq` was committed (its updates are in the room's document). */
  recordCommit(seq: number): void {
    this.appliedSeq = seq;
    this.loggedRows += 1;
    this.scheduleIfDue();
  }

  /** Stops background compaction, waits for one in progress, then compacts once more if the log is not empty. */
  async finish(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
    await this.running;
    if (this.loggedRows > 0) await this.compact();
  }

  private scheduleIfDue(): void {
    if (this.loggedRows < this.options.compactEvery || this.timer || this.running || this.stopped) return;
    // After the current turn: frames already received are handled before the snapshot is encoded.
    this.timer = setImmediate(() => {
      this.timer = null;
      void this.compact();
    });
  }

  private compact(): Promise<void> {
    this.running ??= this.writeSnapshot().finally(() => {
      this.running = null;
      this.scheduleIfDue();
    });
    return this.running;
  }

  private async writeSnapshot(): Promise<void> {
    const { store, logger, afterCompact } = this.options;
    // Read before the document: every row recorded so far is in it, whatever is committed meanwhile.
    const throughSeq = this.appliedSeq;
    const covered = this.loggedRows;
    let doc: Y.Doc | null;
    try {
      doc = await this.source();
      // Being rebuilt: the commits after the rebuild schedule this again.
      if (!doc) return;
      await store.compact(this.documentId, Y.encodeStateAsUpdate(doc), throughSeq);
      this.loggedRows -= covered;
      logger.info(`compacted document ${this.documentId} through update ${throughSeq}`);
    } catch (error) {
      logger.error(`document ${this.documentId}: compaction failed`, error);
      return;
    }
    try {
      await afterCompact?.(this.documentId, doc);
    } catch (error) {
      logger.error(`document ${this.documentId}: afterCompact hook failed`, error);
    }
  }
}

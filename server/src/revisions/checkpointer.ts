import type { DocumentId } from '@travaux/shared';
import type { Logger } from '../log.ts';
import type { RevisionStore } from '../persistence/revision-store.ts';

/** When checkpoints are taken (SPEC RV2). */
export interface CheckpointPolicy {
  /** A checkpoint follows a burst of activity once the text has been quiet this long. */
  readonly quietMs: number;
  /** During long activity, at most this long between checkpoints. */
  readonly maxIntervalMs: number;
  /** Checkpoints kept per document; older ones are pruned (revisions never are). */
  readonly keep: number;
}

export const DEFAULT_CHECKPOINTS: CheckpointPolicy = {
  quietMs: 30_000,
  maxIntervalMs: 5 * 60_000,
  keep: 100,
};

/**
 * Automatic checkpoints of the live text: after a burst of activity (`quietMs` without commits) and at least
 * every `maxIntervalMs` while people keep typing; storage stays bounded by keeping the newest `keep`.
 */
export class Checkpointer {
  private readonly pending = new Map<DocumentId, { timer: NodeJS.Timeout; since: number }>();
  private readonly last = new Map<DocumentId, number>();
  private stopped = false;

  constructor(
    private readonly store: RevisionStore,
    private readonly snapshot: (documentId: DocumentId) => Promise<Uint8Array | null>,
    private readonly logger: Logger,
    private readonly policy: CheckpointPolicy = DEFAULT_CHECKPOINTS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records activity on a document (after each commit). */
  touch(documentId: DocumentId): void {
    if (this.stopped) return;
    const entry = this.pending.get(documentId);
    const since = entry?.since ?? this.now();
    if (entry) clearTimeout(entry.timer);
    const lastTaken = this.last.get(documentId) ?? since;
    const overdue = this.now() - lastTaken >= this.policy.maxIntervalMs;
    const timer = setTimeout(() => void this.take(documentId), overdue ? 0 : this.policy.quietMs);
    timer.unref();
    this.pending.set(documentId, { timer, since });
  }

  /** Takes a checkpoint of `documentId` now (used by the timer and by tests). */
  async take(documentId: DocumentId): Promise<void> {
    const entry = this.pending.get(documentId);
    if (entry) clearTimeout(entry.timer);
    this.pending.delete(documentId);
    try {
      const state = await this.snapshot(documentId);
      if (!state) return;
      const at = new Date(this.now());
      await this.store.add(
        {
          documentId,
          kind: 'checkpoint',
          symbol: '',
          title: `Checkpoint ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
          date: at.toISOString().slice(0, 10),
          language: 'en',
          createdBy: 'Travaux',
        },
        state,
        at,
      );
      this.last.set(documentId, this.now());
      await this.store.pruneCheckpoints(documentId, this.policy.keep);
    } catch (error) {
      this.logger.error(`document ${documentId}: checkpoint failed`, error);
    }
  }

  /** Takes the pending checkpoints now (shutdown) and stops scheduling. */
  async flush(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.pending.keys()].map((documentId) => this.take(documentId)));
  }
}

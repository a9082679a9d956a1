import type { Author } from './guard.ts';

/** An admitted update, the connection it came from, its author and the client ids whose structs it carries. */
export interface Admitted {
  readonly origin: string;
  readonly update: Uint8Array;
  readonly author: Author;
  readonly clients: readonly number[];
  /** Client ids this update claims for its author (first use). */
  readonly fresh: readonly number[];
}

/**
 * Batches admitted updates per event-loop turn and hands each batch to `commitBatch`, one batch at a time and
 * in admission order (per-room ordering). Updates admitted while a batch is being committed form the next one.
 */
export class CommitQueue {
  private pending: Admitted[] = [];
  private committing: readonly Admitted[] = [];
  private timer: NodeJS.Immediate | null = null;
  private inFlight: Promise<void> | null = null;
  private stopped = false;

  /** `commitBatch` must not reject; it reports its own failures. */
  constructor(private readonly commitBatch: (batch: readonly Admitted[]) => Promise<void>) {}

  /** Queues `entry`; the batch is committed after the current event-loop turn. */
  add(entry: Admitted): void {
    this.pending.push(entry);
    this.schedule();
  }

  /** Updates admitted but not yet committed (the batch in flight first), in order. */
  uncommitted(): Uint8Array[] {
    return [...this.committing, ...this.pending].map((entry) => entry.update);
  }

  /** Updates admitted and waiting for the next batch (not the batch in flight), in order. */
  queued(): Uint8Array[] {
    return this.pending.map((entry) => entry.update);
  }

  /** Commits everything queued, without waiting for the next turn; resolves once all of it is committed. */
  async flush(): Promise<void> {
    for (;;) {
      if (this.inFlight) {
        await this.inFlight;
        continue;
      }
      if (this.pending.length === 0) return;
      this.start();
    }
  }

  /** Stops scheduling batches by itself; `flush` still commits what is queued. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer || this.inFlight || this.stopped) return;
    // One batch per event-loop turn: frames that arrived together share one store transaction.
    this.timer = setImmediate(() => this.start());
  }

  private start(): void {
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
    if (this.inFlight || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.committing = batch;
    this.inFlight = this.commitBatch(batch).finally(() => {
      this.committing = [];
      this.inFlight = null;
      if (this.pending.length > 0) this.schedule();
    });
  }
}

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
 * Batches admitted updates and hands each batch to `commitBatch`, one batch at a time and in admission order
 * (per-room ordering). A batch holds what arrived in one event-loop turn, and batches start at least
 * `spacingMs` apart: an update that arrives soon after a commit waits for the rest of that interval, with
 * whatever else arrives meanwhile. Updates spaced wider than that (typing, even by many delegations) are
 * committed in the turn after they arrive; a burst (a paste, a fast writer) costs one commit and one write per
 * reader per interval instead of per update. Updates admitted while a batch is being committed join the next.
 */
export class CommitQueue {
  private pending: Admitted[] = [];
  private committing: readonly Admitted[] = [];
  private cancelTimer: (() => void) | null = null;
  private inFlight: Promise<void> | null = null;
  private stopped = false;
  private lastStart = Number.NEGATIVE_INFINITY;

  /** `commitBatch` must not reject; it reports its own failures. */
  constructor(
    private readonly commitBatch: (batch: readonly Admitted[]) => Promise<void>,
    private readonly spacingMs = 0,
  ) {}

  /** Queues `entry`; its batch is committed after the current event-loop turn, or once the spacing allows. */
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
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private schedule(): void {
    if (this.cancelTimer || this.inFlight || this.stopped) return;
    const wait = this.lastStart + this.spacingMs - performance.now();
    if (wait > 0) {
      const timer = setTimeout(() => this.start(), wait);
      this.cancelTimer = () => clearTimeout(timer);
    } else {
      // At least one event-loop turn: frames that arrived together share one store transaction.
      const immediate = setImmediate(() => this.start());
      this.cancelTimer = () => clearImmediate(immediate);
    }
  }

  private start(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.inFlight || this.pending.length === 0) return;
    this.lastStart = performance.now();
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

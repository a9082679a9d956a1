/**
 * Rate-limits the reconnects of a person whose updates keep being refused (SH, PR, BR rules): after `allowed`
 * refusals within `windowMs`, the person's next upgrades are refused (4429) for a backoff that doubles with each
 * block, up to `maxBackoffMs`. The check is a map lookup, made before any room work.
 */
export class RefusalThrottle {
  private readonly people = new Map<string, { recent: number[]; blocks: number; until: number }>();

  constructor(
    private readonly options = { allowed: 3, windowMs: 60_000, baseBackoffMs: 2_000, maxBackoffMs: 300_000 },
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a refused update of `personId`. */
  refused(personId: string): void {
    const now = this.now();
    const entry = this.people.get(personId) ?? { recent: [], blocks: 0, until: 0 };
    entry.recent = entry.recent.filter((at) => now - at < this.options.windowMs);
    entry.recent.push(now);
    if (entry.recent.length > this.options.allowed) {
      entry.until = now + Math.min(this.options.maxBackoffMs, this.options.baseBackoffMs * 2 ** entry.blocks);
      entry.blocks += 1;
      entry.recent = [];
    }
    this.people.set(personId, entry);
  }

  /** Refused reconnects being held now (`hold`). */
  private held = 0;

  /**
   * SH9: holds a refused reconnect for up to `holdMs` (never past the block) before it is answered, so that a
   * client reconnecting as soon as it is closed makes one attempt a second instead of thousands; at most
   * `maxHeld` at once (beyond, the answer is immediate: a held socket costs memory too).
   */
  async hold(wait: number, holdMs = 1000, maxHeld = 1000): Promise<void> {
    if (this.held >= maxHeld) return;
    this.held += 1;
    try {
      await new Promise<void>((resolve) => setTimeout(resolve, Math.min(wait, holdMs)).unref());
    } finally {
      this.held -= 1;
    }
  }

  /** How long `personId` must still wait before connecting again (ms); 0 when free. */
  blockedFor(personId: string): number {
    const entry = this.people.get(personId);
    return entry ? Math.max(0, entry.until - this.now()) : 0;
  }
}

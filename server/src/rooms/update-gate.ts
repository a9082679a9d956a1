import * as Y from 'yjs';

/** The outcome of `UpdateGate.admit`. `effective` is null when the update changes nothing. */
export type Admission =
  | { ok: true; effective: Uint8Array | null }
  | {
      ok: false;
      reason: string /** True when a rule refused it (rather than Yjs failing to apply it). */;
      rule?: boolean;
    };

/**
 * Proves that an untrusted Yjs update applies before anything of it is stored. The gate keeps a shadow Y.Doc
 * equal to the room's committed document plus the updates admitted but not yet committed; an update is
 * applied to the shadow first, and what the shadow reports as actually changed (its `update` event) is what
 * the room commits and applies. So a malformed update never reaches the store or the room's document, and
 * duplicates or empty sync-step-2 answers are dropped.
 */
export class UpdateGate {
  private shadow: Y.Doc;

  constructor(committed: Y.Doc) {
    this.shadow = cloneDoc(committed, []);
  }

  /**
   * Applies `update` to the shadow; never throws. `inspect`, when given, watches the shadow while the update is
   * applied and may refuse it (the rules of proposals). After a refusal the shadow must be `reset`.
   */
  admit(update: Uint8Array, inspect?: (shadow: Y.Doc) => { finish(): string | null }): Admission {
    const changes: Uint8Array[] = [];
    const collect = (change: Uint8Array) => {
      changes.push(change);
    };
    this.shadow.on('update', collect);
    const watch = inspect?.(this.shadow);
    try {
      Y.applyUpdate(this.shadow, update);
    } catch (error) {
      watch?.finish();
      return {
        ok: false,
        reason: `update cannot be applied: ${error instanceof Error ? error.message : 'error'}`,
      };
    } finally {
      this.shadow.off('update', collect);
    }
    const refusal = watch?.finish() ?? null;
    // Yjs keeps structs whose dependencies it lacks "pending" in the document, without limit. Such an update is
    // refused instead: an honest client that sent it reconnects and resends what is missing in its sync step 2.
    const store = (this.shadow as unknown as { store: { pendingStructs: unknown; pendingDs: unknown } })
      .store;
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      return { ok: false, reason: 'update depends on updates the server does not have' };
    }
    if (refusal !== null) return { ok: false, reason: refusal, rule: true };
    if (changes.length === 0) return { ok: true, effective: null };
    return { ok: true, effective: changes.length === 1 ? changes[0]! : Y.mergeUpdates(changes) };
  }

  /** Rebuilds the shadow from the committed document plus the admitted updates still awaiting commit. */
  reset(committed: Y.Doc, uncommitted: readonly Uint8Array[]): void {
    this.shadow.destroy();
    this.shadow = cloneDoc(committed, uncommitted);
  }

  /** Frees the shadow document. */
  destroy(): void {
    this.shadow.destroy();
  }
}

function cloneDoc(source: Y.Doc, extra: readonly Uint8Array[]): Y.Doc {
  const clone = new Y.Doc({ gc: source.gc });
  Y.applyUpdate(clone, Y.encodeStateAsUpdate(source));
  for (const update of extra) Y.applyUpdate(clone, update);
  return clone;
}

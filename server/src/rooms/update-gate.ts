import * as Y from 'yjs';

/**
 * The outcome of `admitUpdate`. `effective` is null when the update changes nothing; `clients` are the client
 * ids whose structs it added (as `structClients(effective)`, read from the transaction instead of decoding). After
 * a refusal the document may hold part of the update and must be rebuilt from the store before it serves again.
 */
export type Admission =
  | { ok: true; effective: Uint8Array | null; clients: number[] }
  | {
      ok: false;
      reason: string /** True when a rule refused it (rather than Yjs failing to apply it). */;
      rule?: boolean;
    };

/** Watches a document while an update is applied to it and may refuse the update afterwards. */
export type Inspector = (doc: Y.Doc) => { finish(): string | null };

/**
 * Applies an untrusted Yjs update to the room's live document (committed plus admitted-but-uncommitted updates);
 * never throws. What the document reports as actually changed (its `update` event) is what the room commits and
 * broadcasts, so duplicates and empty sync-step-2 answers cost nothing. `inspect`, when given, watches the
 * document while the update is applied and may refuse it (the rules of proposals). Yjs cannot roll an update
 * back, so a refused one leaves the document tainted: the room restores it from its encoded history (SH9).
 * Refusals are rare (a faulty or hostile client), so validating in place costs one application per update
 * instead of two, and one document in memory instead of two.
 */
export function admitUpdate(doc: Y.Doc, update: Uint8Array, inspect?: Inspector): Admission {
  const changes: Uint8Array[] = [];
  const collect = (change: Uint8Array) => {
    changes.push(change);
  };
  const clients: number[] = [];
  const advanced = (transaction: Y.Transaction) => {
    for (const [client, clock] of transaction.afterState) {
      if ((transaction.beforeState.get(client) ?? 0) < clock) clients.push(client);
    }
  };
  doc.on('update', collect);
  doc.on('afterTransaction', advanced);
  const watch = inspect?.(doc);
  try {
    Y.applyUpdate(doc, update);
  } catch (error) {
    watch?.finish();
    return {
      ok: false,
      reason: `update cannot be applied: ${error instanceof Error ? error.message : 'error'}`,
    };
  } finally {
    doc.off('update', collect);
    doc.off('afterTransaction', advanced);
  }
  const refusal = watch?.finish() ?? null;
  // Yjs keeps structs whose dependencies it lacks "pending" in the document, without limit. Such an update is
  // refused instead: an honest client that sent it reconnects and resends what is missing in its sync step 2.
  const store = (doc as unknown as { store: { pendingStructs: unknown; pendingDs: unknown } }).store;
  if (store.pendingStructs !== null || store.pendingDs !== null) {
    return { ok: false, reason: 'update depends on updates the server does not have' };
  }
  if (refusal !== null) return { ok: false, reason: refusal, rule: true };
  if (changes.length === 0) return { ok: true, effective: null, clients: [] };
  const effective = changes.length === 1 ? changes[0]! : Y.mergeUpdates(changes);
  return { ok: true, effective, clients: [...new Set(clients)] };
}

import * as Y from 'yjs';

/**
 * The document as it was before a transaction, read for the types the transaction touched only (issue 23). A
 * `Y.snapshot` of the whole document walks every struct of every client; the rules need a few paragraphs. An
 * item existed before when its clock is below the transaction's `beforeState`, and was deleted before when it is
 * deleted now but not by this transaction (`deleteSet`, sorted before observers run). Read it inside the
 * transaction's observers: afterwards Yjs garbage-collects what the transaction deleted and merges structs.
 * Pure: only Yjs.
 */

// biome-ignore lint/suspicious/noExplicitAny: Yjs types are invariant in their event type; any shared type goes.
type AnyType = Y.AbstractType<any>;

/** A delta op as `toDelta` returns it. */
export interface DeltaOp {
  readonly insert?: unknown;
  readonly attributes?: Record<string, unknown>;
}

/** The state before one transaction, for the types asked about; snapshots are built per type and kept. */
export class BeforeState {
  private readonly before = new Map<AnyType, Y.Snapshot>();
  private readonly after = new Map<AnyType, Y.Snapshot>();

  constructor(readonly transaction: Y.Transaction) {}

  /** Whether `item` was in the document before the transaction (integrated, visible or not). */
  private existed(item: Y.Item): boolean {
    return item.id.clock < (this.transaction.beforeState.get(item.id.client) ?? 0);
  }

  /** Whether `item` had been deleted before the transaction. */
  private deletedBefore(item: Y.Item): boolean {
    return item.deleted && !Y.isDeleted(this.transaction.deleteSet, item.id);
  }

  /** The value of attribute `key` of `element` before the transaction (undefined: not set). */
  attribute(element: Y.XmlElement, key: string): unknown {
    // A map key's values are a chain of items, the newest rightmost; the one visible before is the newest that
    // existed then, unless it had been deleted (the key was removed).
    for (let item = element._map.get(key) ?? null; item; item = item.left) {
      if (!this.existed(item)) continue;
      if (this.deletedBefore(item)) return undefined;
      const content = item.content.getContent();
      return content[content.length - 1];
    }
    return undefined;
  }

  /** A snapshot that reads `type`'s children (text, elements) as they were before; valid for `type` only. */
  snapshot(type: AnyType): Y.Snapshot {
    let found = this.before.get(type);
    if (!found) {
      found = Y.createSnapshot(
        deleteSetOf(type, (item) => this.existed(item) && this.deletedBefore(item)),
        new Map(this.transaction.beforeState),
      );
      this.before.set(type, found);
    }
    return found;
  }

  /** A snapshot that reads `type`'s children as they are now; valid for `type` only. */
  snapshotNow(type: AnyType): Y.Snapshot {
    let found = this.after.get(type);
    if (!found) {
      found = Y.createSnapshot(
        deleteSetOf(type, (item) => item.deleted),
        new Map(this.transaction.afterState),
      );
      this.after.set(type, found);
    }
    return found;
  }

  /** The runs of `text` before the transaction. */
  delta(text: Y.XmlText): DeltaOp[] {
    return text.toDelta(this.snapshot(text)) as DeltaOp[];
  }

  /**
   * The runs of `text` now and before, in one delta: removed runs carry `ychange: { type: 'removed' }`, added ones
   * `{ type: 'added' }`, kept ones none (their attributes are today's).
   */
  diff(text: Y.XmlText): DeltaOp[] {
    return text.toDelta(this.snapshotNow(text), this.snapshot(text), (type: 'added' | 'removed') => ({
      type,
    })) as DeltaOp[];
  }

  /** The children of `element` before the transaction (also when it was deleted by it). */
  children(element: Y.XmlElement): AnyType[] {
    return Y.typeListToArraySnapshot(element, this.snapshot(element)) as AnyType[];
  }
}

/** A delete set of the items of `type`'s list that `deleted` says are deleted, sorted as Yjs searches it. */
function deleteSetOf(
  type: AnyType,
  deleted: (item: Y.Item) => boolean,
): ReturnType<typeof Y.createDeleteSet> {
  const set = Y.createDeleteSet();
  for (let item = type._start; item; item = item.right) {
    if (!deleted(item)) continue;
    let ranges = set.clients.get(item.id.client);
    if (!ranges) {
      ranges = [];
      set.clients.set(item.id.client, ranges);
    }
    ranges.push(new DeleteItem(item.id.clock, item.length));
  }
  for (const ranges of set.clients.values()) ranges.sort((a, b) => a.clock - b.clock);
  return set;
}

/** Yjs's delete-set entry shape (`{ clock, len }`); its class is not exported. */
class DeleteItem {
  constructor(
    readonly clock: number,
    readonly len: number,
  ) {}
}

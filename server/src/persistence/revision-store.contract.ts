import type { DocumentId } from '@travaux/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RevisionMeta, RevisionStore } from './revision-store.ts';

/** A fresh, empty revision store and how to release it. Called once per test. */
export type MakeRevisionStore = () => Promise<{ readonly store: RevisionStore; close(): Promise<void> }>;

/**
 * The behaviour every `RevisionStore` backend must have: each backend's test file calls this once with a
 * factory for an empty store (the same suite runs on SQLite and PostgreSQL).
 */
export function runRevisionStoreContract(name: string, makeStore: MakeRevisionStore): void {
  describe(`RevisionStore contract: ${name}`, () => {
    let store: RevisionStore;
    let close: () => Promise<void>;
    const doc = 'doc' as DocumentId;
    const at = (seconds: number) => new Date(Date.UTC(2024, 7, 8, 12, 0, seconds));
    const meta = (kind: RevisionMeta['kind'], title: string, documentId = doc) => ({
      documentId,
      kind,
      symbol: kind === 'revision' ? 'A/AC.1/L.2/Rev.1' : '',
      title,
      date: '2024-08-08',
      language: 'fr',
      createdBy: 'Chair — « Présidente »',
    });

    beforeEach(async () => {
      ({ store, close } = await makeStore());
    });

    afterEach(async () => {
      await close();
    });

    it('RV1: keeps a revision with its exact state and metadata, under a fresh id', async () => {
      const state = new Uint8Array([0, 255, 1, 128, 7]);
      const added = await store.add(meta('revision', 'Projet révisé'), state, at(0));
      expect(added).toEqual({
        ...meta('revision', 'Projet révisé'),
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        createdAt: '2024-08-08T12:00:00.000Z',
      });
      state[0] = 99;
      expect(await store.get(added.id)).toEqual({ ...added, state: new Uint8Array([0, 255, 1, 128, 7]) });
      expect(await store.get('missing')).toBeNull();
      const other = await store.add(meta('revision', 'Same'), new Uint8Array(0), at(0));
      expect(other.id).not.toBe(added.id);
      expect((await store.get(other.id))?.state).toEqual(new Uint8Array(0));
    });

    it('RV3: lists a document’s revisions and checkpoints newest first, ties by order stored, without content', async () => {
      const first = await store.add(meta('revision', 'one'), new Uint8Array([1]), at(0));
      const second = await store.add(meta('checkpoint', 'two'), new Uint8Array([2]), at(5));
      const third = await store.add(meta('checkpoint', 'three'), new Uint8Array([3]), at(5));
      await store.add(meta('revision', 'elsewhere', 'other' as DocumentId), new Uint8Array([4]), at(9));
      const list = await store.list(doc);
      expect(list.map((r) => r.id)).toEqual([third.id, second.id, first.id]);
      expect(list[0]).toEqual(third);
      expect(list.some((r) => 'state' in r)).toBe(false);
      expect(await store.list('none' as DocumentId)).toEqual([]);
    });

    it('RV2: prunes the checkpoints beyond the newest `keep` of one document and never a revision', async () => {
      const revision = await store.add(meta('revision', 'kept'), new Uint8Array([1]), at(0));
      const checkpoints: RevisionMeta[] = [];
      for (let i = 1; i <= 4; i++)
        checkpoints.push(await store.add(meta('checkpoint', `c${i}`), new Uint8Array([i]), at(i)));
      const elsewhere = await store.add(
        meta('checkpoint', 'other doc', 'other' as DocumentId),
        new Uint8Array([9]),
        at(0),
      );
      expect(await store.pruneCheckpoints(doc, 2)).toBe(2);
      expect((await store.list(doc)).map((r) => r.title)).toEqual(['c4', 'c3', 'kept']);
      expect(await store.get(revision.id)).not.toBeNull();
      expect(await store.get(elsewhere.id)).not.toBeNull();
      expect(await store.pruneCheckpoints(doc, 2)).toBe(0);
      expect(await store.pruneCheckpoints(doc, 0)).toBe(2);
      expect((await store.list(doc)).map((r) => r.title)).toEqual(['kept']);
    });
  });
}

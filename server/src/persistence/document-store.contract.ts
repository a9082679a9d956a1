import type { DocumentId } from '@travaux/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock, DocumentStore } from './document-store.ts';
import { StoreErrors } from './document-store.ts';

/** Builds a fresh, empty store; `clock` stamps its records. Called once per test. */
export type MakeDocumentStore = (clock: Clock) => Promise<DocumentStore> | DocumentStore;

/**
 * The behaviour every `DocumentStore` backend must have (in the manner of automerge-repo's
 * `runStorageAdapterTests`): each backend's test file calls this once with a factory for an empty store.
 */
export function runDocumentStoreContract(name: string, makeStore: MakeDocumentStore): void {
  describe(`DocumentStore contract: ${name}`, () => {
    let store: DocumentStore;
    let time: number;
    const clock: Clock = () => new Date(time);
    const tick = () => {
      time += 1000;
    };

    beforeEach(async () => {
      time = Date.UTC(2024, 7, 8, 12, 0, 0);
      store = await makeStore(clock);
    });

    afterEach(async () => {
      await store.close();
    });

    const id = (value: string) => value as DocumentId;
    const bytes = (...values: number[]) => new Uint8Array(values);

    it('creates a document with its title and timestamps, and finds it again', async () => {
      const created = await store.createDocument({ id: id('doc-1'), title: 'Draft convention' });
      const expected = {
        id: 'doc-1',
        title: 'Draft convention',
        createdAt: '2024-08-08T12:00:00.000Z',
        updatedAt: '2024-08-08T12:00:00.000Z',
      };
      expect(created).toEqual(expected);
      expect(await store.getDocument(id('doc-1'))).toEqual(expected);
      expect(await store.getDocument(id('missing'))).toBeNull();
    });

    it('refuses a duplicate id with an exact message and keeps the first document', async () => {
      await store.createDocument({ id: id('doc-1'), title: 'First' });
      await expect(store.createDocument({ id: id('doc-1'), title: 'Second' })).rejects.toThrow(
        StoreErrors.duplicate('doc-1'),
      );
      expect((await store.getDocument(id('doc-1')))?.title).toBe('First');
    });

    it('stores the initial update as the snapshot of a new document', async () => {
      await store.createDocument({ id: id('a'), title: 'A' }, bytes(1, 2, 3));
      await store.createDocument({ id: id('b'), title: 'B' });
      expect(await store.loadDocument(id('a'))).toEqual({
        snapshot: bytes(1, 2, 3),
        updates: [],
        lastSeq: 0,
      });
      expect(await store.loadDocument(id('b'))).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
      expect(await store.loadDocument(id('missing'))).toBeNull();
    });

    it('appends updates in order, numbers them, and moves updatedAt', async () => {
      await store.createDocument({ id: id('a'), title: 'A' });
      tick();
      expect(await store.appendUpdates(id('a'), [bytes(1), bytes(2)])).toBe(2);
      tick();
      expect(await store.appendUpdates(id('a'), [bytes(3)])).toBe(3);
      expect(await store.loadDocument(id('a'))).toEqual({
        snapshot: null,
        updates: [bytes(1), bytes(2), bytes(3)],
        lastSeq: 3,
      });
      const record = await store.getDocument(id('a'));
      expect(record?.createdAt).toBe('2024-08-08T12:00:00.000Z');
      expect(record?.updatedAt).toBe('2024-08-08T12:00:02.000Z');
    });

    it('keeps the logs of different documents apart', async () => {
      await store.createDocument({ id: id('a'), title: 'A' });
      await store.createDocument({ id: id('b'), title: 'B' });
      await store.appendUpdates(id('a'), [bytes(1)]);
      expect(await store.appendUpdates(id('b'), [bytes(9)])).toBe(1);
      expect((await store.loadDocument(id('a')))?.updates).toEqual([bytes(1)]);
      expect((await store.loadDocument(id('b')))?.updates).toEqual([bytes(9)]);
    });

    it('refuses to append to an unknown document and writes nothing', async () => {
      await expect(store.appendUpdates(id('missing'), [bytes(1)])).rejects.toThrow(
        StoreErrors.unknown('missing'),
      );
      expect(await store.listDocuments()).toEqual([]);
    });

    it('does not let callers alias stored bytes', async () => {
      const update = bytes(1, 2);
      await store.createDocument({ id: id('a'), title: 'A' });
      await store.appendUpdates(id('a'), [update]);
      update[0] = 99;
      const loaded = await store.loadDocument(id('a'));
      expect(loaded?.updates).toEqual([bytes(1, 2)]);
      const first = loaded?.updates[0];
      if (first) first[1] = 77;
      expect((await store.loadDocument(id('a')))?.updates).toEqual([bytes(1, 2)]);
    });

    it('compacts: the snapshot replaces the rows it covers, later rows stay', async () => {
      await store.createDocument({ id: id('a'), title: 'A' }, bytes(0));
      await store.appendUpdates(id('a'), [bytes(1), bytes(2), bytes(3)]);
      expect(await store.compact(id('a'), bytes(0, 1, 2), 2)).toBe(true);
      expect(await store.loadDocument(id('a'))).toEqual({
        snapshot: bytes(0, 1, 2),
        updates: [bytes(3)],
        lastSeq: 3,
      });
      // Sequence numbers keep counting after a compaction.
      expect(await store.appendUpdates(id('a'), [bytes(4)])).toBe(4);
      expect(await store.compact(id('a'), bytes(0, 1, 2, 3, 4), 4)).toBe(true);
      expect(await store.loadDocument(id('a'))).toEqual({
        snapshot: bytes(0, 1, 2, 3, 4),
        updates: [],
        lastSeq: 4,
      });
    });

    it('ignores a compaction older than the stored snapshot', async () => {
      await store.createDocument({ id: id('a'), title: 'A' });
      await store.appendUpdates(id('a'), [bytes(1), bytes(2), bytes(3)]);
      await store.compact(id('a'), bytes(1, 2, 3), 3);
      expect(await store.compact(id('a'), bytes(1), 1)).toBe(false);
      expect(await store.loadDocument(id('a'))).toEqual({
        snapshot: bytes(1, 2, 3),
        updates: [],
        lastSeq: 3,
      });
    });

    it('refuses a compaction beyond the log or of an unknown document', async () => {
      await store.createDocument({ id: id('a'), title: 'A' });
      await store.appendUpdates(id('a'), [bytes(1)]);
      await expect(store.compact(id('a'), bytes(1), 2)).rejects.toThrow(StoreErrors.beyondLog('a', 2, 1));
      await expect(store.compact(id('missing'), bytes(1), 0)).rejects.toThrow(StoreErrors.unknown('missing'));
      expect(await store.loadDocument(id('a'))).toEqual({ snapshot: null, updates: [bytes(1)], lastSeq: 1 });
    });

    it('sets the title without moving updatedAt', async () => {
      await store.createDocument({ id: id('a'), title: 'Old' });
      tick();
      await store.setTitle(id('a'), 'New title');
      expect(await store.getDocument(id('a'))).toMatchObject({
        title: 'New title',
        updatedAt: '2024-08-08T12:00:00.000Z',
      });
      await expect(store.setTitle(id('missing'), 'x')).rejects.toThrow(StoreErrors.unknown('missing'));
    });

    it('lists documents most recently updated first, ties by id', async () => {
      await store.createDocument({ id: id('b'), title: 'B' });
      await store.createDocument({ id: id('a'), title: 'A' });
      tick();
      await store.createDocument({ id: id('c'), title: 'C' });
      tick();
      await store.appendUpdates(id('b'), [bytes(1)]);
      expect((await store.listDocuments()).map((record) => record.id)).toEqual(['b', 'c', 'a']);
    });

    it('keeps titles and bytes intact, including Unicode and empty updates', async () => {
      const title = 'Convention contre la cybercriminalité — « projet » 网络犯罪';
      await store.createDocument({ id: id('u'), title }, new Uint8Array(0));
      await store.appendUpdates(id('u'), [new Uint8Array(0), bytes(0, 255, 128)]);
      expect((await store.getDocument(id('u')))?.title).toBe(title);
      expect(await store.loadDocument(id('u'))).toEqual({
        snapshot: new Uint8Array(0),
        updates: [new Uint8Array(0), bytes(0, 255, 128)],
        lastSeq: 2,
      });
    });

    it('rejects every call after close', async () => {
      await store.createDocument({ id: id('a'), title: 'A' });
      await store.close();
      await expect(store.listDocuments()).rejects.toThrow(StoreErrors.closed);
      await expect(store.appendUpdates(id('a'), [bytes(1)])).rejects.toThrow(StoreErrors.closed);
    });
  });
}

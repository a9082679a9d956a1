import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeAll } from './merge.ts';

/** Every update `doc` emits from now on. */
function record(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return updates;
}

function stateOf(update: Uint8Array): { text: string; list: unknown[] } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return { text: doc.getText('t').toString(), list: doc.getArray('a').toArray() };
}

describe('mergeAll', () => {
  it('merges thousands of updates from several clients, with deletions, into one that holds them all', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const updates: Uint8Array[] = [];
    const fromA = record(a);
    const fromB = record(b);
    for (let i = 0; i < 3000; i++) {
      const doc = i % 3 === 0 ? b : a;
      const text = doc.getText('t');
      if (i % 7 === 6 && text.length > 2) text.delete(Math.floor(text.length / 2), 1);
      else text.insert(i % 5 === 0 ? 0 : text.length, `w${i} `);
      if (i % 50 === 0) doc.getArray('a').push([i]);
      // Both replicas see each other's edits now and then, so that the updates depend on one another.
      if (i % 100 === 99) {
        Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
        Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
      }
    }
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    updates.push(...fromA, ...fromB);
    expect(updates.length).toBeGreaterThan(3000);

    const merged = mergeAll(updates);
    expect(stateOf(merged)).toEqual({ text: a.getText('t').toString(), list: a.getArray('a').toArray() });
    // The same as one Y.mergeUpdates call of them all, which it replaces.
    expect(stateOf(merged)).toEqual(stateOf(Y.mergeUpdates(updates)));
  });

  it('returns a single update as it is', () => {
    const doc = new Y.Doc();
    const updates = record(doc);
    doc.getText('t').insert(0, 'x');
    expect(mergeAll(updates)).toBe(updates[0]);
  });
});

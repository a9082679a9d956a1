import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { treatyToYDoc } from '../convert.ts';
import { annotatedTreatyArb } from '../reading/test-arbitrary.ts';
import { treatyFragment } from '../ydoc.ts';
import { documentShapeProblems } from './audit.ts';
import { readTreatyStructure } from './read.ts';
import { repairSteps, repairTreaty } from './repair.ts';
import { fullTreatyYDoc, mutatedState, SHAPE_MUTATIONS } from './test-mutations.ts';

/** Every character of every Y.XmlText of the treaty, wherever it stands (also in misplaced or unknown blocks). */
function characters(doc: Y.Doc): string {
  const walk = (type: Y.XmlFragment | Y.XmlElement): string =>
    (type.toArray() as unknown[])
      .map((child) => {
        if (child instanceof Y.XmlText)
          return (child.toDelta() as { insert: unknown }[])
            .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
            .join('');
        return child instanceof Y.XmlElement ? walk(child) : '';
      })
      .join('');
  return walk(treatyFragment(doc));
}

/** Whether every character of `before` is in `after` (as many times). */
function keepsEveryCharacter(before: string, after: string): boolean {
  const counts = new Map<string, number>();
  for (const char of after) counts.set(char, (counts.get(char) ?? 0) + 1);
  for (const char of before) {
    const left = counts.get(char) ?? 0;
    if (left === 0) return false;
    counts.set(char, left - 1);
  }
  return true;
}

describe('the chair’s repair of a stored treaty (SH10)', () => {
  it('SH10: every kind of stored shape problem is repaired into a document the audit accepts, keeping every character', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SHAPE_MUTATIONS), fc.nat(), (mutation, n) => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, mutatedState(mutation, n));
        const before = characters(doc);
        const planned = repairSteps(doc);
        expect(planned.length, mutation.name).toBeGreaterThan(0);
        for (const step of planned) expect(step.location.length).toBeGreaterThan(0);
        const steps = repairTreaty(doc);
        expect(steps).toEqual(planned);
        expect(documentShapeProblems(doc), mutation.name).toEqual([]);
        expect(readTreatyStructure(doc).problems, mutation.name).toEqual([]);
        expect(keepsEveryCharacter(before, characters(doc)), mutation.name).toBe(true);
        expect(repairSteps(doc)).toEqual([]);
        // The repaired state reaches another replica as an ordinary update, and it agrees.
        const replica = new Y.Doc();
        Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
        expect(documentShapeProblems(replica)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('SH10: two stored problems at once are repaired as well, keeping every character', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SHAPE_MUTATIONS),
        fc.nat(),
        fc.constantFrom(...SHAPE_MUTATIONS),
        fc.nat(),
        (first, n, second, m) => {
          const doc = new Y.Doc();
          Y.applyUpdate(doc, mutatedState(first, n));
          // The second mutation by another client, as a store without the check would have taken it.
          const client = new Y.Doc();
          Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
          try {
            client.transact(() => second.apply(client, m));
          } catch {
            // It found no place of its kind in what the first left: one problem is enough.
          }
          Y.applyUpdate(doc, Y.encodeStateAsUpdate(client, Y.encodeStateVector(doc)));
          const before = characters(doc);
          repairTreaty(doc);
          expect(documentShapeProblems(doc), `${first.name} + ${second.name}`).toEqual([]);
          expect(keepsEveryCharacter(before, characters(doc)), `${first.name} + ${second.name}`).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('SH10: a sound treaty (every node, mark and attribute; generated ones too) has nothing to repair and is not changed', () => {
    const full = fullTreatyYDoc();
    const vector = Y.encodeStateVector(full);
    expect(repairTreaty(full)).toEqual([]);
    expect(Y.encodeStateVector(full)).toEqual(vector);
    fc.assert(
      fc.property(annotatedTreatyArb, ({ doc: treaty }) => {
        const doc = treatyToYDoc(treaty);
        const state = Y.encodeStateAsUpdate(doc);
        expect(repairTreaty(doc)).toEqual([]);
        expect(Y.encodeStateAsUpdate(doc)).toEqual(state);
      }),
      { numRuns: 50 },
    );
  });
});

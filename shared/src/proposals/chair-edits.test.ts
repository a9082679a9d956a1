import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DelegationId } from '../ids.ts';
import { type ChairEdit, chairEditsMap, newChairEditId, readChairEdits } from './chair-edits.ts';
import { applyUnderRules, type RuleEditor } from './rules.ts';

const NOW = Date.parse('2026-12-05T10:00:00.000Z');
const CHAIR: RuleEditor = { personId: 'chair1', name: 'Ana Chair', delegation: null, role: 'chair' };
const DELEGATE: RuleEditor = {
  personId: 'rus1',
  name: 'Ivan',
  delegation: 'RUS' as DelegationId,
  role: 'delegate',
};

const edit = (overrides: Partial<ChairEdit> = {}): ChairEdit => ({
  id: 'cabcdefghijk',
  personId: CHAIR.personId,
  personName: CHAIR.name,
  at: new Date(NOW).toISOString(),
  block: 'pp2aaaaaaa',
  offset: 0,
  inserted: 'Recalling',
  removed: 'Bearing in mind',
  marked: true,
  undone: null,
  ...overrides,
});

/** The rules' verdict on `change` made to a replica of `base` by `editor`. */
function verdict(base: Y.Doc, editor: RuleEditor, change: (doc: Y.Doc) => void) {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(replica);
  change(replica);
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(base));
  return applyUnderRules(server, Y.encodeStateAsUpdate(replica, before), editor, NOW);
}

function recorded(): Y.Doc {
  const doc = new Y.Doc();
  chairEditsMap(doc).set('cabcdefghijk', edit());
  return doc;
}

describe("the chair's direct edits are recorded (PR14, GD5)", () => {
  it('PR14: the chair records its edit under its own person, now; it extends it, undoes it and redoes it', () => {
    const empty = new Y.Doc();
    expect(verdict(empty, CHAIR, (doc) => chairEditsMap(doc).set('cabcdefghijk', edit()))).toBeNull();
    const doc = recorded();
    expect(
      verdict(doc, CHAIR, (d) => chairEditsMap(d).set('cabcdefghijk', edit({ inserted: 'Recalling also' }))),
    ).toBeNull();
    const undone = { by: CHAIR.personId, byName: CHAIR.name, at: new Date(NOW).toISOString() };
    expect(verdict(doc, CHAIR, (d) => chairEditsMap(d).set('cabcdefghijk', edit({ undone })))).toBeNull();
    const undoneDoc = new Y.Doc();
    chairEditsMap(undoneDoc).set('cabcdefghijk', edit({ undone }));
    expect(verdict(undoneDoc, CHAIR, (d) => chairEditsMap(d).set('cabcdefghijk', edit()))).toBeNull();
    expect(readChairEdits(doc).map((e) => e.inserted)).toEqual(['Recalling']);
    expect(newChairEditId()).toMatch(/^c[a-z0-9]{11}$/);
  });

  it('PR14: a delegate writes no chair edit; records are never deleted; author, time and block never change', () => {
    expect(verdict(new Y.Doc(), DELEGATE, (d) => chairEditsMap(d).set('cabcdefghijk', edit()))?.rule).toBe(
      'PR14',
    );
    const doc = recorded();
    expect(
      verdict(doc, DELEGATE, (d) => chairEditsMap(d).set('cabcdefghijk', edit({ inserted: 'x' })))?.rule,
    ).toBe('PR14');
    expect(verdict(doc, CHAIR, (d) => chairEditsMap(d).delete('cabcdefghijk'))?.rule).toBe('PR14');
    expect(
      verdict(doc, CHAIR, (d) => chairEditsMap(d).set('cabcdefghijk', edit({ block: 'other00000' })))?.rule,
    ).toBe('PR14');
    expect(
      verdict(doc, CHAIR, (d) =>
        chairEditsMap(d).set('cabcdefghijk', edit({ at: '2026-12-04T10:00:00.000Z' })),
      )?.rule,
    ).toBe('PR14');
    expect(
      verdict(doc, CHAIR, (d) => chairEditsMap(d).set('cabcdefghijk', { nonsense: 1 } as never))?.rule,
    ).toBe('PR14');
  });

  it('GD5: a chair edit and its undo carry the chair who makes them, at the time they are made', () => {
    const empty = new Y.Doc();
    expect(
      verdict(empty, CHAIR, (d) => chairEditsMap(d).set('cabcdefghijk', edit({ personName: 'Someone else' })))
        ?.rule,
    ).toBe('GD5');
    expect(
      verdict(empty, CHAIR, (d) =>
        chairEditsMap(d).set('cabcdefghijk', edit({ at: '2020-01-01T00:00:00.000Z' })),
      )?.rule,
    ).toBe('GD5');
    const undone = { by: 'someone', byName: CHAIR.name, at: new Date(NOW).toISOString() };
    expect(
      verdict(recorded(), CHAIR, (d) => chairEditsMap(d).set('cabcdefghijk', edit({ undone })))?.rule,
    ).toBe('GD5');
  });
});

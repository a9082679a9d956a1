import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BeforeState } from './before-state.ts';

// Issue 23: the restricted before-state reads what a whole-document Y.snapshot reads, for the touched types.

type Op =
  | { kind: 'insert'; at: number; text: string; mark: string | null }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'format'; at: number; length: number; mark: string | null }
  | { kind: 'attribute'; key: string; value: string | null };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom('a', 'bc', ' de'),
    mark: fc.constantFrom(null, 'p1', 'p2'),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({
    kind: fc.constant('format' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 4 }),
    mark: fc.constantFrom(null, 'p1', 'p2'),
  }),
  fc.record({
    kind: fc.constant('attribute' as const),
    key: fc.constantFrom('status', 'bracket'),
    value: fc.constantFrom(null, 'adref', 'b1'),
  }),
);

function apply(text: Y.XmlText, element: Y.XmlElement, step: Op): void {
  const size = text.length;
  if (step.kind === 'insert')
    text.insert(step.at % (size + 1), step.text, step.mark ? { insertion: { proposal: step.mark } } : {});
  else if (step.kind === 'delete' && size > 0) {
    const at = step.at % size;
    text.delete(at, Math.min(step.length, size - at));
  } else if (step.kind === 'format' && size > 0) {
    const at = step.at % size;
    text.format(at, Math.min(step.length, size - at), {
      insertion: step.mark ? { proposal: step.mark } : null,
    });
  } else if (step.kind === 'attribute') {
    if (step.value === null) element.removeAttribute(step.key);
    else element.setAttribute(step.key, step.value);
  }
}

describe('BeforeState', () => {
  it('PR2/PR3/SS3: reads a touched text, its diff and an element’s attributes as a whole-document snapshot does', () => {
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 12 }),
        fc.array(op, { minLength: 1, maxLength: 6 }),
        (history, update) => {
          const doc = new Y.Doc();
          const fragment = doc.getXmlFragment('treaty');
          const element = new Y.XmlElement('paragraph');
          element.insert(0, [new Y.XmlText()]);
          fragment.insert(0, [element]);
          const text = element.get(0) as Y.XmlText;
          for (const step of history) doc.transact(() => apply(text, element, step));
          const full = Y.snapshot(doc);
          let seen = false;
          fragment.observeDeep((events) => {
            const state = new BeforeState(events[0]!.transaction);
            const ychange = (type: 'added' | 'removed') => ({ type });
            expect(state.delta(text)).toEqual(text.toDelta(full));
            expect(state.diff(text)).toEqual(text.toDelta(Y.snapshot(doc), full, ychange));
            for (const key of ['status', 'bracket'])
              expect(state.attribute(element, key)).toEqual(element.getAttributes(full)[key]);
            expect(state.children(element)).toEqual([text]);
            seen = true;
          });
          doc.transact(() => {
            for (const step of update) apply(text, element, step);
          });
          // An update that changed nothing fires no observer; one that did was compared.
          expect(seen || Y.equalSnapshots(full, Y.snapshot(doc))).toBe(true);
          doc.destroy();
        },
      ),
      { numRuns: 200 },
    );
  });
});

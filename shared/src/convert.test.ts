import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeTreatyUpdate, treatyFromYDoc, treatyTitle, treatyToYDoc } from './convert.ts';
import { DEMO_CONVENTION_TEXT } from './demo-convention.ts';
import { treatyArb } from './test-support.ts';
import { parseTreatyText } from './treaty-text/parse.ts';
import { serializeTreatyText } from './treaty-text/serialize.ts';
import { treatyFragment } from './ydoc.ts';

const demo = () => {
  const result = parseTreatyText(DEMO_CONVENTION_TEXT);
  if (!result.ok) throw new Error(result.error.message);
  return result.doc;
};

describe('treaty ⇄ Y.Doc', () => {
  it('ST1: an empty Y.Doc reads as an empty treaty', () => {
    const doc = treatyFromYDoc(new Y.Doc());
    expect(doc.childCount).toBe(2);
    expect(doc.child(0).type.name).toBe('title');
    expect(doc.child(1).type.name).toBe('preamble');
    expect(() => doc.check()).not.toThrow();
  });

  it('keeps every node, attribute and text through a Y.Doc (property)', () => {
    fc.assert(
      fc.property(treatyArb, (doc) => {
        const ydoc = treatyToYDoc(doc);
        expect(treatyFromYDoc(ydoc).eq(doc)).toBe(true);
        ydoc.destroy();
      }),
      { numRuns: 100 },
    );
  });

  it('encodes a treaty as one update that a fresh replica applies to the same text', () => {
    const doc = demo();
    const replica = new Y.Doc();
    Y.applyUpdate(replica, encodeTreatyUpdate(doc));
    expect(treatyFromYDoc(replica).eq(doc)).toBe(true);
    expect(serializeTreatyText(treatyFromYDoc(replica))).toBe(DEMO_CONVENTION_TEXT);
    expect(treatyTitle(replica)).toBe(DEMO_CONVENTION_TEXT.split('\n')[0]);
  });

  it('replicas that exchange updates converge after concurrent edits', () => {
    const a = treatyToYDoc(demo());
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const title = (d: Y.Doc) => (treatyFragment(d).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    // Both edit the title while apart, then exchange what the other lacks.
    const [svA, svB] = [Y.encodeStateVector(a), Y.encodeStateVector(b)];
    title(a).insert(0, 'Revised ');
    title(b).insert(title(b).length, ' (second reading)');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, svB));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, svA));
    expect(treatyTitle(a)).toBe(treatyTitle(b));
    expect(treatyTitle(a)).toMatch(/^Revised Draft United Nations convention .* \(second reading\)$/);
    expect(treatyFromYDoc(a).eq(treatyFromYDoc(b))).toBe(true);
  });
});

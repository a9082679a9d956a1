import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { treatyFromYDoc, treatyToYDoc } from '../convert.ts';
import type { Decision } from '../proposals/model.ts';
import { treatySchema } from '../schema.ts';
import { treatyArb } from '../test-support.ts';
import { serializeTreatyText } from '../treaty-text/serialize.ts';
import { treatyFragment } from '../ydoc.ts';
import { documentShapeProblems } from './audit.ts';
import { updateShapeProblem } from './precheck.ts';
import { DEFAULT_SHAPE_LIMITS, type ShapeLimits, shapeReason } from './problem.ts';
import { readTreatyStructure } from './read.ts';
import { elementsOf, fullTreaty, fullTreatyYDoc, mutatedState, SHAPE_MUTATIONS } from './test-mutations.ts';
import { watchShape } from './watch.ts';

const LIMITS: ShapeLimits = DEFAULT_SHAPE_LIMITS;

/** Checks `update` against `doc` as the server does: pre-check, then apply and post-check. Null: accepted. */
function check(doc: Y.Doc, update: Uint8Array, limits = LIMITS, records = () => 0): string | null {
  const pre = updateShapeProblem(doc, update, limits, records);
  if (!pre.ok) return 'problem' in pre ? shapeReason(pre.problem) : `malformed: ${pre.malformed}`;
  const watch = watchShape(doc);
  Y.applyUpdate(doc, update);
  const problem = watch.finish();
  return problem ? shapeReason(problem) : null;
}

/** A client's replica of `server` (its roots untyped, as a hostile client's may be). */
function replicaOf(server: Y.Doc): Y.Doc {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return client;
}

describe('the shape of a treaty document (SH)', () => {
  it('SH1–SH7: the generated document uses every node, mark and attribute of the schema', () => {
    const doc = fullTreaty();
    const nodes = new Set<string>([doc.type.name]);
    const marks = new Set<string>();
    const attrs = new Set<string>();
    doc.descendants((node) => {
      nodes.add(node.type.name);
      for (const [key, value] of Object.entries(node.attrs))
        if (value !== null) attrs.add(`${node.type.name}.${key}`);
      for (const mark of node.marks) {
        marks.add(mark.type.name);
        for (const [key, value] of Object.entries(mark.attrs))
          if (value !== null) attrs.add(`${mark.type.name}.${key}`);
      }
      return true;
    });
    expect([...nodes].sort()).toEqual(Object.keys(treatySchema.nodes).sort());
    expect([...marks].sort()).toEqual(Object.keys(treatySchema.marks).sort());
    const declared = [
      ...Object.values(treatySchema.nodes).flatMap((type) =>
        Object.keys(type.spec.attrs ?? {}).map((key) => `${type.name}.${key}`),
      ),
      ...Object.values(treatySchema.marks).flatMap((type) =>
        Object.keys(type.spec.attrs ?? {}).map((key) => `${type.name}.${key}`),
      ),
    ];
    expect([...attrs].sort()).toEqual(declared.sort());
  });

  it('SH1–SH7: a document using everything the schema has is accepted whole, and its audit is clean', () => {
    const source = fullTreatyYDoc();
    const server = new Y.Doc();
    expect(check(server, Y.encodeStateAsUpdate(source))).toBeNull();
    expect(documentShapeProblems(server)).toEqual([]);
    expect(treatyFromYDoc(server).eq(fullTreaty())).toBe(true);
  });

  it('SH1–SH7: any well-formed treaty is accepted as one update (property)', () => {
    fc.assert(
      fc.property(treatyArb, (doc) => {
        const server = new Y.Doc();
        expect(check(server, Y.encodeStateAsUpdate(treatyToYDoc(doc)))).toBeNull();
        expect(documentShapeProblems(server)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('SH1–SH7: every schema-invalid mutation is refused, a pre-check refusal leaving the document untouched (property)', () => {
    const refusedBy = new Map<string, Set<string>>();
    fc.assert(
      fc.property(fc.constantFrom(...SHAPE_MUTATIONS), fc.nat(), (mutation, n) => {
        const server = fullTreatyYDoc();
        const client = replicaOf(server);
        const vector = Y.encodeStateVector(client);
        client.transact(() => mutation.apply(client, n));
        const update = Y.encodeStateAsUpdate(client, vector);
        const before = Y.encodeStateAsUpdate(server);
        const pre = updateShapeProblem(server, update, LIMITS, () => 0);
        let reason: string | null;
        if (!pre.ok) {
          expect(pre).toHaveProperty('problem');
          reason = shapeReason((pre as { problem: Parameters<typeof shapeReason>[0] }).problem);
          expect(Y.encodeStateAsUpdate(server)).toEqual(before);
        } else {
          reason = check(server, update);
        }
        expect(reason, mutation.name).not.toBeNull();
        expect(mutation.rules, `${mutation.name}: ${reason}`).toContain(reason!.slice(0, 3));
        const seen = refusedBy.get(mutation.name) ?? new Set();
        seen.add(pre.ok ? 'post' : 'pre');
        refusedBy.set(mutation.name, seen);
      }),
      { numRuns: 400 },
    );
    expect([...refusedBy.keys()].sort()).toEqual(SHAPE_MUTATIONS.map((m) => m.name).sort());
  });

  it('SH7: a delegation past its bound of records is refused; the bound of one record holds', () => {
    const server = fullTreatyYDoc();
    const client = replicaOf(server);
    const vector = Y.encodeStateVector(client);
    client.getMap('proposals').set('pnewnewnewne', {
      id: 'pnewnewnewne',
      delegation: 'RUS',
      personId: 'anna',
      personName: 'Anna',
      createdAt: new Date(0).toISOString(),
      note: '',
      status: 'open',
      decision: null,
    });
    const update = Y.encodeStateAsUpdate(client, vector);
    const limits = { ...LIMITS, maxRecordsPerDelegation: 3 };
    expect(check(replicaOf(server), update, limits, () => 3)).toMatch(/^SH7/);
    expect(check(replicaOf(server), update, limits, () => 2)).toBeNull();
    expect(check(replicaOf(server), update, { ...LIMITS, maxRecordBytes: 50 })).toMatch(/^SH7/);
  });

  it('SH6: a decided proposal record carries every field of its decision, the blocks it added included', () => {
    const server = fullTreatyYDoc();
    const client = replicaOf(server);
    const vector = Y.encodeStateVector(client);
    const decision: Required<Decision> = {
      by: 'chair',
      byName: 'Chair',
      at: new Date(0).toISOString(),
      location: 'Article 1, paragraph 3',
      inserted: 'Each Party shall cooperate in good faith.',
      deleted: '',
      blocks: ['para000003'],
    };
    client.getMap('proposals').set('pdecideddeci', {
      id: 'pdecideddeci',
      delegation: 'RUS',
      personId: 'anna',
      personName: 'Anna',
      createdAt: new Date(0).toISOString(),
      note: '',
      status: 'accepted',
      decision,
    });
    const update = Y.encodeStateAsUpdate(client, vector);
    expect(check(replicaOf(server), update)).toBeNull();
    const extra = replicaOf(server);
    const vectorOfExtra = Y.encodeStateVector(extra);
    extra.getMap('proposals').set('pdecideddeci', {
      ...(client.getMap('proposals').get('pdecideddeci') as object),
      decision: { ...decision, undocumented: true },
    });
    expect(check(replicaOf(server), Y.encodeStateAsUpdate(extra, vectorOfExtra))).toMatch(/^SH6/);
  });

  it('SH1: an update whose dependencies the server lacks is reported malformed before it is applied', () => {
    const server = fullTreatyYDoc();
    const client = replicaOf(server);
    const first = Y.encodeStateVector(client);
    (elementsOf(client)[0]!.get(0) as Y.XmlText).insert(0, 'a');
    const second = Y.encodeStateVector(client);
    (elementsOf(client)[0]!.get(0) as Y.XmlText).insert(0, 'b');
    const later = Y.encodeStateAsUpdate(client, second);
    expect(first).not.toEqual(second);
    const pre = updateShapeProblem(server, later, LIMITS, () => 0);
    expect(pre).toMatchObject({ ok: false, malformed: expect.stringMatching(/does not have/) });
  });
});

/** Every Y.XmlText under `type` (Yjs's own tree walker fails on an element holding a JSON value). */
function textsIn(type: Y.XmlFragment): Y.XmlText[] {
  return type
    .toArray()
    .flatMap((child) =>
      child instanceof Y.XmlText ? [child] : child instanceof Y.XmlElement ? textsIn(child) : [],
    );
}

describe('reading a document that holds bad structure (SH8)', () => {
  it('SH8: reading never changes the Y.Doc, reports each problem and keeps the valid text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SHAPE_MUTATIONS), fc.nat(), (mutation, n) => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, mutatedState(mutation, n));
        const before = Y.encodeStateAsUpdate(doc);
        const reading = readTreatyStructure(doc);
        expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
        expect(() => reading.doc.check()).not.toThrow();
        // The text is exportable whatever the structure, and every text the Y.Doc holds is in the reading or
        // in a problem that says it was left out.
        expect(() => serializeTreatyText(reading.doc)).not.toThrow();
        const read = reading.doc.textContent;
        const reported = reading.problems.map((problem) => problem.message).join('\n');
        for (const text of textsIn(treatyFragment(doc))) {
          const chars = text
            .toDelta()
            .map((op: { insert: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
            .join('');
          expect(read.includes(chars) || reported.includes(chars.slice(0, 200)), chars).toBe(true);
        }
        expect(documentShapeProblems(doc).length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('SH8: an empty body appended to an article leaves the article and its text in the reading', () => {
    const doc = fullTreatyYDoc();
    const article = elementsOf(doc).find((e) => e.nodeName === 'article')!;
    article.insert(article.length, [new Y.XmlElement('body')]);
    const reading = readTreatyStructure(doc);
    expect(serializeTreatyText(reading.doc)).toContain('This Convention applies');
    expect(reading.problems.map((p) => p.rule)).toContain('SH3');
    expect(treatyFragment(doc).toArray()).toHaveLength(3);
    expect(article.length).toBe(4);
  });
});

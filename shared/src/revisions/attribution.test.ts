import fc from 'fast-check';
import type { Node } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { bracketsMap, readBrackets } from '../brackets/model.ts';
import { treatyFromYDoc, treatyToYDoc } from '../convert.ts';
import type { DelegationId } from '../ids.ts';
import { chairEditsMap, readChairEdits } from '../proposals/chair-edits.ts';
import { decideProposals } from '../proposals/decide.ts';
import { createProposal, proposalsMap, readProposals } from '../proposals/model.ts';
import { type AnnotatedTreaty, annotatedTreatyArb } from '../reading/test-arbitrary.ts';
import { treatySchema } from '../schema.ts';
import { type DiffSide, diffTreaties } from './diff.ts';

/**
 * RV6, RV10: over generated treaties that use every node, mark and attribute, every accepted proposal's words
 * are attributed to its delegation (inline amendments and new paragraphs) and every direct edit of the chair to
 * the Chair, dated when made (PR14), in the comparison, and therefore in the Word file made from it (RV9, RV14).
 */

const { nodes, marks } = treatySchema;

/** One change made between the two texts: a delegation's proposal accepted by the chair, or the chair's typing. */
interface Change {
  readonly by: DelegationId | null;
  /** A proposal of a new paragraph (else words added at the end of a text). */
  readonly paragraph: boolean;
  /** Which place of the text, as an index into the places that can take it. */
  readonly place: number;
}
const changeArb: fc.Arbitrary<Change> = fc.record({
  by: fc.constantFrom<DelegationId | null>(
    'RUS' as DelegationId,
    'MEX' as DelegationId,
    'EU' as DelegationId,
    null,
  ),
  paragraph: fc.boolean(),
  place: fc.nat(),
});

const snapshot = (ydoc: Y.Doc): DiffSide => ({
  doc: treatyFromYDoc(ydoc),
  records: readProposals(ydoc),
  brackets: readBrackets(ydoc),
  chairEdits: readChairEdits(ydoc),
});

/** When the chair made its edit number `index`. */
const chairTime = (index: number) => `2026-12-03T0${index}:00:00.000Z`;

/** A word no generated text holds, unique to change `index`. */
const wordOf = (index: number) => `Qzx${'abcdefghij'[index]}word`;

/**
 * Ends of text blocks outside any block a proposal adds or removes (the chair's own text, not a proposal's);
 * for a delegation, only those whose text can carry a proposal (the title is the chair's alone, PR6).
 */
function textEnds(doc: Node, marked: boolean): number[] {
  const ends: number[] = [];
  const walk = (node: Node, pos: number, proposed: boolean) => {
    const inProposal = proposed || !!node.attrs.inserted || !!node.attrs.deleted;
    if (node.isTextblock) {
      if (!inProposal && (!marked || node.type.allowsMarkType(marks.insertion)))
        ends.push(pos + node.nodeSize - 1);
      return;
    }
    node.forEach((child, offset) => {
      walk(child, pos + 1 + offset, inProposal);
    });
  };
  doc.forEach((child, offset) => {
    walk(child, offset, false);
  });
  return ends;
}

/** Positions just after paragraphs not inside a proposed block, where a new paragraph can go. */
function afterParagraphs(doc: Node): number[] {
  const found: number[] = [];
  doc.descendants((node, pos) => {
    if (node.attrs.inserted || node.attrs.deleted) return false;
    if (node.type === nodes.paragraph) found.push(pos + node.nodeSize);
    return node.type !== nodes.paragraph;
  });
  return found;
}

function seed({ doc, records }: AnnotatedTreaty): Y.Doc {
  const ydoc = treatyToYDoc(doc);
  for (const record of records.proposals.values()) proposalsMap(ydoc).set(record.id, record);
  for (const record of records.brackets.values()) bracketsMap(ydoc).set(record.id, record);
  return ydoc;
}

/**
 * Makes `change` in `ydoc`: the chair types, or a delegation's proposal is made and accepted. False when the
 * text has no place a delegation can propose words in (a treaty of a title alone).
 */
function apply(ydoc: Y.Doc, change: Change, index: number): boolean {
  const word = wordOf(index);
  const doc = treatyFromYDoc(ydoc);
  const tr = EditorState.create({ schema: treatySchema, doc }).tr;
  const proposal =
    change.by === null
      ? null
      : createProposal(
          ydoc,
          { delegation: change.by, personId: 'p', personName: 'P' },
          '',
          `pnew0000000${index}`,
          new Date(`2026-12-01T0${index}:00:00.000Z`),
        );
  const afters = afterParagraphs(doc);
  if (proposal && change.paragraph && afters.length) {
    const at = afters[change.place % afters.length]!;
    tr.insert(
      at,
      nodes.paragraph.create({ id: `newpara000${index}`, inserted: proposal.id }, [
        nodes.body.create(null, treatySchema.text(`${word} shall apply.`)),
      ]),
    );
  } else {
    const ends = textEnds(doc, proposal !== null);
    const at = ends.length ? ends[change.place % ends.length]! : null;
    if (at === null) return false;
    const mark = proposal ? [marks.insertion.create({ proposal: proposal.id })] : [];
    tr.insert(at, treatySchema.text(` ${word}`, mark));
    // PR14: the chair's edit is recorded as the editor records it (the block is not what dates it).
    if (!proposal)
      chairEditsMap(ydoc).set(`cnew0000000${index}`, {
        id: `cnew0000000${index}`,
        personId: 'c',
        personName: 'Chair',
        at: chairTime(index),
        block: 'title',
        offset: 0,
        inserted: ` ${word}`,
        removed: '',
        marked: index % 2 === 0,
        undone: null,
      });
  }
  treatyToYDoc(tr.doc, ydoc);
  if (proposal)
    decideProposals(
      ydoc,
      [proposal.id],
      'accept',
      { personId: 'c', name: 'Chair' },
      null,
      new Date(`2026-12-02T0${index}:00:00.000Z`),
    );
  return true;
}

describe('attribution follows the record (RV6, RV10)', () => {
  it("RV6/RV10: every accepted proposal's words are its delegation's, every direct edit of the chair the Chair's, over generated treaties", () => {
    fc.assert(
      fc.property(
        annotatedTreatyArb,
        fc.array(changeArb, { minLength: 1, maxLength: 4 }),
        (treaty, changes) => {
          const ydoc = seed(treaty);
          const older = snapshot(ydoc);
          const made = changes.map((change, index) => apply(ydoc, change, index));
          const diff = diffTreaties(older, snapshot(ydoc));
          const inserted = diff.blocks.flatMap((block) =>
            block.parts.filter((part) => part.type === 'insert'),
          );
          changes.forEach((change, index) => {
            if (!made[index]) return;
            const word = wordOf(index);
            const parts = inserted.filter((part) => part.text.includes(word));
            expect(parts, `${word} is shown inserted`).toHaveLength(1);
            expect(parts[0]!.author, `${word} of ${change.by ?? 'the Chair'}`).toBe(change.by ?? 'CHAIR');
            expect(parts[0]!.open ?? false).toBe(false);
            // Dated when the chair accepted the proposal, or when the chair made its edit (marked or not).
            expect(parts[0]!.at).toBe(change.by ? `2026-12-02T0${index}:00:00.000Z` : chairTime(index));
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});

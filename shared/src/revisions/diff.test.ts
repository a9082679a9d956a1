import fc from 'fast-check';
import type { Node } from 'prosemirror-model';
import { EditorState, type Transaction } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { prosemirrorToYXmlFragment } from 'y-prosemirror';
import { bracketsMap, newBracketRecord, readBrackets } from '../brackets/model.ts';
import { pickOption } from '../brackets/resolve.ts';
import { scanBrackets } from '../brackets/scan.ts';
import { treatyFromYDoc, treatyToYDoc } from '../convert.ts';
import type { DelegationId } from '../ids.ts';
import type { ChairEdit } from '../proposals/chair-edits.ts';
import { decideProposals } from '../proposals/decide.ts';
import { createProposal, type ProposalRecord, readProposals } from '../proposals/model.ts';
import type { ReadingRecords } from '../reading/model.ts';
import { blockNotation, notationText } from '../reading/notation.ts';
import { readTreaty } from '../reading/read.ts';
import { type AnnotatedTreaty, annotatedTreatyArb } from '../reading/test-arbitrary.ts';
import { treatySchema } from '../schema.ts';
import { parsedTreaty } from '../test-support.ts';
import { parseTreatyText } from '../treaty-text/index.ts';
import { treatyFragment } from '../ydoc.ts';
import { type BlockDiff, type DiffSide, diffTreaties } from './diff.ts';

const TEXT = `Draft convention

Article 1
Scope
1. This Convention applies to cooperation between States Parties.
2. Nothing in it affects sovereignty.
3. Each State Party shall adopt measures.

Article 2
Use of terms
For the purposes of this Convention, terms have their usual meaning.
`;

function base(): Node {
  const parsed = parseTreatyText(TEXT);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.doc;
}

/** The next version of `doc`, made with ProseMirror transactions (so ids are kept, as in the editor). */
function edit(doc: Node, change: (tr: Transaction) => void): Node {
  const tr = EditorState.create({ schema: treatySchema, doc }).tr;
  change(tr);
  return tr.doc;
}

/** Position just after `needle` in `doc`. */
function endOf(doc: Node, needle: string): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found >= 0) return false;
    if (node.isText && node.text!.includes(needle)) found = pos + node.text!.indexOf(needle) + needle.length;
    return found < 0;
  });
  if (found < 0) throw new Error(`no ${needle}`);
  return found;
}

/** The position of the n-th (0-based) paragraph of Article 1. */
function paragraph(doc: Node, n: number): { pos: number; node: Node } {
  const found: { pos: number; node: Node }[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name === 'paragraph') found.push({ pos, node });
    return true;
  });
  return found[n]!;
}

const side = (doc: Node, records: ProposalRecord[] = []): DiffSide => ({
  doc,
  records: new Map(records.map((r) => [r.id, r])),
});

function record(
  id: string,
  delegation: string | null,
  status: ProposalRecord['status'],
  inserted = '',
  deleted = '',
): ProposalRecord {
  return {
    id,
    delegation: delegation as DelegationId | null,
    personId: 'x',
    personName: 'X',
    createdAt: '2026-11-23T00:00:00Z',
    note: '',
    status,
    decision:
      status === 'open' ? null : { by: 'chair', byName: 'Chair', at: '', location: '', inserted, deleted },
  };
}

const changed = (blocks: readonly BlockDiff[]) => blocks.filter((b) => b.change !== 'unchanged' || b.moved);
const render = (block: BlockDiff) =>
  block.parts
    .map((p) => (p.type === 'insert' ? `{+${p.text}+}` : p.type === 'delete' ? `[-${p.text}-]` : p.text))
    .join('');

describe('diff of two texts (RV rules)', () => {
  it('RV3: compares words inside a paragraph and leaves the others alone', () => {
    const older = base();
    const newer = edit(older, (tr) => {
      const end = endOf(older, 'between States Parties');
      tr.delete(end - ' between States Parties'.length, end);
      tr.insertText(' in criminal matters', end - ' between States Parties'.length);
    });
    const diff = diffTreaties(side(older), side(newer));
    const blocks = changed(diff.blocks);
    expect(blocks).toHaveLength(1);
    expect(render(blocks[0]!)).toBe(
      'This Convention applies to cooperation [-between States Parties-]{+in criminal matters+}.',
    );
    expect(blocks[0]).toMatchObject({
      article: 'Article 1',
      oldLabel: '1.',
      newLabel: '1.',
      change: 'changed',
      moved: false,
    });
    expect(diff.summary).toMatchObject({ wordsAdded: 3, wordsRemoved: 3 });
  });

  it('RV4: a new paragraph renumbers the next ones without showing them as changed', () => {
    const older = base();
    const { pos, node } = paragraph(older, 0);
    const inserted = treatySchema.nodes.paragraph.create({ id: 'newpara001' }, [
      treatySchema.nodes.body.create(null, treatySchema.text('New obligations apply.')),
    ]);
    const newer = edit(older, (tr) => tr.insert(pos + node.nodeSize, inserted));
    const diff = diffTreaties(side(older), side(newer));
    const blocks = changed(diff.blocks);
    expect(blocks.map((b) => [b.change, b.newLabel])).toEqual([['inserted', '2.']]);
    const renumbered = diff.blocks.find((b) => b.oldLabel === '2.')!;
    expect(renumbered).toMatchObject({ newLabel: '3.', change: 'unchanged', moved: false });
  });

  it('RV4: a moved paragraph is recognised as moved, not deleted and inserted', () => {
    const older = base();
    const first = paragraph(older, 0);
    const third = paragraph(older, 2);
    const newer = edit(older, (tr) => {
      tr.insert(third.pos + third.node.nodeSize, first.node);
      tr.delete(first.pos, first.pos + first.node.nodeSize);
    });
    const diff = diffTreaties(side(older), side(newer));
    const blocks = changed(diff.blocks);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({
      id: first.node.attrs.id,
      change: 'unchanged',
      moved: true,
      oldLabel: '1.',
      newLabel: '3.',
    });
    expect(diff.summary.blocksMoved).toBe(1);
  });

  it('RV5: a split paragraph and a merged one are shown as such', () => {
    const older = base();
    const second = paragraph(older, 1);
    const splitAt = endOf(older, 'Nothing in it');
    const split = edit(older, (tr) => {
      tr.split(splitAt, 2, [{ type: treatySchema.nodes.paragraph, attrs: { id: 'splitpart1' } }]);
    });
    const splitDiff = diffTreaties(side(older), side(split));
    const part = splitDiff.blocks.find((b) => b.id === 'splitpart1')!;
    expect(part).toMatchObject({ change: 'inserted', splitFrom: second.node.attrs.id });

    const third = paragraph(older, 2);
    const merged = edit(older, (tr) => {
      // Third paragraph's text appended to the second, then the third removed.
      tr.insertText(` ${third.node.textContent}`, endOf(older, 'affects sovereignty.'));
      const moved = paragraph(tr.doc, 2);
      tr.delete(moved.pos, moved.pos + moved.node.nodeSize);
    });
    const mergeDiff = diffTreaties(side(older), side(merged));
    expect(mergeDiff.blocks.find((b) => b.id === third.node.attrs.id)).toMatchObject({
      change: 'deleted',
      mergedInto: second.node.attrs.id,
    });
  });

  it('RV6: attributes each change to the delegation whose proposal made it, or to the Chair', () => {
    const older = base();
    const insertion = treatySchema.marks.insertion.create({ proposal: 'prus0000001' });
    const newer = edit(older, (tr) => {
      // An open Russian proposal, still marked in the newer text.
      tr.insert(endOf(older, 'cooperation'), treatySchema.text(' in criminal matters', [insertion]));
      // An accepted American proposal: its text is unmarked now, its record says what it inserted.
      tr.insertText(' effective', endOf(tr.doc, 'shall adopt'));
      // A direct edit of the Chair.
      tr.insertText(' ordinary', endOf(tr.doc, 'their usual'));
    });
    const diff = diffTreaties(
      side(older, [record('pusa0000001', 'USA', 'open')]),
      side(newer, [
        record('prus0000001', 'RUS', 'open'),
        record('pusa0000001', 'USA', 'accepted', ' effective'),
      ]),
    );
    const inserts = diff.blocks.flatMap((b) => b.parts.filter((p) => p.type === 'insert'));
    expect(inserts.map((p) => [p.text.trim(), p.author])).toEqual([
      ['in criminal matters', 'RUS'],
      ['effective', 'USA'],
      ['ordinary', 'CHAIR'],
    ]);
    expect(diff.byAuthor).toEqual([
      { author: 'RUS', added: 3, removed: 0 },
      { author: 'CHAIR', added: 1, removed: 0 },
      { author: 'USA', added: 1, removed: 0 },
    ]);
    expect(diff.summary.proposalsAccepted).toBe(1);
  });

  it('RV6: a partly deleted word and its remnant go to the delegation whose deletion was accepted', () => {
    const older = base();
    const newer = edit(older, (tr) => {
      const end = endOf(older, 'Nothing in it affects');
      tr.delete(end - 'Nothing in it affects'.length, end - 'ffects'.length);
    });
    const diff = diffTreaties(
      side(older),
      side(newer, [record('pusa0000002', 'USA', 'accepted', '', 'Nothing in it a')]),
    );
    const changes = diff.blocks.flatMap((b) => b.parts.filter((p) => p.type !== 'equal'));
    expect(changes.map((p) => p.author)).toEqual(changes.map(() => 'USA'));
    expect(changes.length).toBeGreaterThan(0);
  });

  it('RV6: an old accepted record without block ids is credited by its text to the delegation whose proposal was accepted, when another proposed the same words', () => {
    const older = base();
    const newer = edit(older, (tr) => {
      tr.insertText(' effective', endOf(older, 'shall adopt'));
    });
    // Russia and the United States both proposed " effective"; the chair rejected Russia's (listed first) and
    // accepted the American one. Neither decision records block ids (records from before RV10).
    const diff = diffTreaties(
      side(older, [record('prus0000009', 'RUS', 'open'), record('pusa0000009', 'USA', 'open')]),
      side(newer, [
        record('prus0000009', 'RUS', 'rejected', ' effective'),
        record('pusa0000009', 'USA', 'accepted', ' effective'),
      ]),
    );
    const inserts = diff.blocks.flatMap((b) => b.parts.filter((p) => p.type === 'insert'));
    expect(inserts.map((p) => [p.text.trim(), p.author])).toEqual([['effective', 'USA']]);
  });

  it('RV3: identical texts give an empty diff', () => {
    const doc = base();
    const diff = diffTreaties(side(doc), side(doc));
    expect(changed(diff.blocks)).toEqual([]);
    expect(diff.summary).toMatchObject({ wordsAdded: 0, wordsRemoved: 0, blocksAdded: 0, blocksRemoved: 0 });
  });
});

const sideText = (blocks: readonly BlockDiff[], which: 'old' | 'new') =>
  blocks
    .filter((b) => (which === 'old' ? b.oldLabel !== null : b.newLabel !== null))
    .map((b) =>
      b.parts
        .filter((p) =>
          which === 'old' ? p.type !== 'insert' : p.type === 'equal' || p.type === 'insert' || p.open,
        )
        .map((p) => p.text)
        .join(''),
    );

const notationOf = (doc: Node, records: ReadingRecords) => {
  const reading = readTreaty(doc, records);
  return reading.blocks
    .filter((b) => b.kind !== 'preamble')
    .map((b) => notationText(blockNotation(b, reading)));
};

const asSide = ({ doc, records }: AnnotatedTreaty): DiffSide => ({
  doc,
  records: records.proposals,
  brackets: records.brackets,
});

describe('comparison from the reading (RV10–RV13)', () => {
  it('RV13: every word of each side is in the comparison, and its changes applied to the older side give the newer, for every block type', () => {
    fc.assert(
      fc.property(annotatedTreatyArb, annotatedTreatyArb, (a, b) => {
        const diff = diffTreaties(asSide(a), asSide(b));
        const byOrder = (treaty: AnnotatedTreaty, which: 'old' | 'new') => {
          const expected = notationOf(treaty.doc, treaty.records);
          expect(sideText(diff.blocks, which).sort()).toEqual(expected.sort());
        };
        byOrder(a, 'old');
        byOrder(b, 'new');
      }),
      { numRuns: 60 },
    );
  });

  it('RV13: the preamble is compared: a preambular paragraph the chair rewrote shows its words', () => {
    const older = parsedTreaty(
      'Convention\n\nPreamble\nPP1. Recalling the Charter,\nPP2. Bearing in mind the need,\n\nArticle 1\nScope\nText.\n',
    );
    const pp2 = older.child(1).child(1);
    const newer = edit(older, (tr) => {
      const at = endOf(older, 'Bearing in mind');
      tr.insertText('Recalling', at - 'Bearing in mind'.length, at);
    });
    const diff = diffTreaties(side(older), side(newer));
    const block = diff.blocks.find((b) => b.id === pp2.attrs.id)!;
    expect(block).toMatchObject({
      kind: 'preambular_paragraph',
      change: 'changed',
      location: 'Preamble, PP2',
    });
    expect(render(block)).toBe('[-Bearing in mind -]{+Recalling +}the need,');
    expect(block.parts.filter((p) => p.type !== 'equal').map((p) => p.author)).toEqual(['CHAIR', 'CHAIR']);
    // PR14, RV14: with the chair's edit recorded, its changes are dated when it was made.
    const recorded: ChairEdit = {
      id: 'cabcdefghijk',
      personId: 'chair',
      personName: 'Chair',
      at: '2026-11-21T09:30:00.000Z',
      block: pp2.attrs.id,
      offset: 0,
      inserted: 'Recalling',
      removed: 'Bearing in mind',
      marked: false,
      undone: null,
    };
    const dated = diffTreaties(side(older), { ...side(newer), chairEdits: [recorded] });
    const changes = dated.blocks.find((b) => b.id === pp2.attrs.id)!.parts.filter((p) => p.type !== 'equal');
    expect(changes.map((p) => [p.author, p.at])).toEqual([
      ['CHAIR', recorded.at],
      ['CHAIR', recorded.at],
    ]);
    expect(diff.summary).toMatchObject({ wordsAdded: 1, wordsRemoved: 3 });
  });

  it("RV10: an accepted new paragraph is its delegation's, dated when the chair accepted it", () => {
    const older = base();
    const ydoc = treatyToYDoc(older);
    const proposal = createProposal(
      ydoc,
      { delegation: 'RUS' as DelegationId, personId: 'r', personName: 'Ivan' },
      '',
      'p00000000rus',
      new Date('2026-11-20T09:00:00Z'),
    );
    const { pos, node } = paragraph(older, 2);
    const proposed = edit(older, (tr) =>
      tr.insert(
        pos + node.nodeSize,
        treatySchema.nodes.paragraph.create({ id: 'newpara006', inserted: proposal.id }, [
          treatySchema.nodes.body.create(null, treatySchema.text('Each Party shall cooperate.')),
        ]),
      ),
    );
    prosemirrorToYXmlFragment(proposed, treatyFragment(ydoc));
    decideProposals(
      ydoc,
      [proposal.id],
      'accept',
      { personId: 'c', name: 'Chair' },
      null,
      new Date('2026-11-21T15:00:00Z'),
    );
    const newer = { doc: treatyFromYDoc(ydoc), records: readProposals(ydoc) };
    const diff = diffTreaties(side(older), newer);
    const block = diff.blocks.find((b) => b.id === 'newpara006')!;
    expect(block.change).toBe('inserted');
    expect(block.parts.map((p) => [p.type, p.author, p.at, p.open])).toEqual([
      ['insert', 'RUS', '2026-11-21T15:00:00.000Z', undefined],
    ]);
    expect(diff.byAuthor).toEqual([{ author: 'RUS', added: 4, removed: 0 }]);
  });

  it("RV11: picking an option shows the chair's choice of that option (with its owner), brackets in the notation", () => {
    const older = parsedTreaty(
      'Convention\n\nArticle 1\nScope\nStates [Option 1: shall] [Option 2: may] cooperate.\n',
    );
    const ydoc = treatyToYDoc(older);
    const scan = scanBrackets(older);
    const [first, second] = scan.spans;
    const bracketsMapOf = bracketsMap(ydoc);
    bracketsMapOf.set(first!.id, {
      ...newBracketRecord(
        { delegation: 'RUS' as DelegationId, personId: 'r', personName: 'R' },
        { id: first!.id },
      ),
    });
    bracketsMapOf.set(second!.id, {
      ...newBracketRecord(
        { delegation: 'MEX' as DelegationId, personId: 'm', personName: 'M' },
        { id: second!.id, group: first!.id },
      ),
    });
    const olderSide = { doc: older, records: new Map(), brackets: readBrackets(ydoc) };
    pickOption(ydoc, second!.id, { personId: 'c', name: 'Chair' }, null, new Date('2026-11-22T10:00:00Z'));
    const newer = { doc: treatyFromYDoc(ydoc), records: readProposals(ydoc), brackets: readBrackets(ydoc) };
    const diff = diffTreaties(olderSide, newer);
    const block = diff.blocks.find((b) => b.kind === 'paragraph')!;
    expect(sideText([block], 'old')).toEqual(['States [Option 1: shall] [Option 2: may] cooperate.']);
    expect(sideText([block], 'new')).toEqual(['States [may] cooperate.']);
    const changes = block.parts.filter((p) => p.type !== 'equal');
    expect(changes.length).toBeGreaterThan(0);
    for (const part of changes) {
      expect(part).toMatchObject({
        author: 'CHAIR',
        decision: "the Chair's choice of Option 2 (Mexico)",
        at: '2026-11-22T10:00:00.000Z',
      });
    }
    expect(diff.summary.wordsRemoved).toBe(1);
    // Option 1 goes whole; Option 2's words stay where they were (matched within their bracket).
    expect(block.parts.filter((p) => p.type === 'insert')).toEqual([]);
    expect(changes.map((p) => p.text).join('')).toBe('[Option 1: shall] Option 2: ');
  });

  it('RV12: comparing with the live text shows open insertions and open deletions of every delegation', () => {
    const older = base();
    const insertion = treatySchema.marks.insertion.create({ proposal: 'p0000000rus1' });
    const deletion = treatySchema.marks.deletion.create({ proposal: 'p000000000eu' });
    const newer = edit(older, (tr) => {
      tr.insert(endOf(older, 'cooperation'), treatySchema.text(' in criminal matters', [insertion]));
      const end = endOf(tr.doc, 'Nothing in it');
      tr.addMark(end - ' in it'.length, end, deletion);
    });
    const diff = diffTreaties(
      side(older),
      side(newer, [record('p0000000rus1', 'RUS', 'open'), record('p000000000eu', 'EU', 'open')]),
    );
    const changes = diff.blocks.flatMap((b) => b.parts.filter((p) => p.type !== 'equal'));
    expect(changes.map((p) => [p.type, p.text.trim(), p.author, p.open])).toEqual([
      ['insert', 'in criminal matters', 'RUS', true],
      ['delete', 'in it', 'EU', true],
    ]);
    expect(sideText(diff.blocks, 'new')).toContain('Nothing in it affects sovereignty.');
  });
});

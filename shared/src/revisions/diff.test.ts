import type { Node } from 'prosemirror-model';
import { EditorState, type Transaction } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import type { DelegationId } from '../ids.ts';
import type { ProposalRecord } from '../proposals/model.ts';
import { treatySchema } from '../schema.ts';
import { parseTreatyText } from '../treaty-text/index.ts';
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

  it('RV3: identical texts give an empty diff', () => {
    const doc = base();
    const diff = diffTreaties(side(doc), side(doc));
    expect(changed(diff.blocks)).toEqual([]);
    expect(diff.summary).toMatchObject({ wordsAdded: 0, wordsRemoved: 0, blocksAdded: 0, blocksRemoved: 0 });
  });
});

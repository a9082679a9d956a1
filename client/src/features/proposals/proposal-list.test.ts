import { type DelegationId, type ProposalRecord, parseTreatyText, treatySchema } from '@travaux/shared';
import type { Node } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { filterRows, NO_FILTER, nextProposalPos, proposalRows } from './proposal-list.ts';
import type { ProposalInfo } from './proposal-store.ts';

function doc(): Node {
  const parsed = parseTreatyText('Draft\n\nArticle 1\nScope\n1. This applies.\n2. Nothing else.\n');
  if (!parsed.ok) throw new Error(parsed.error.message);
  const state = EditorState.create({ schema: treatySchema, doc: parsed.doc });
  const tr = state.tr;
  const end = (needle: string) => {
    let at = -1;
    tr.doc.descendants((node, pos) => {
      if (at < 0 && node.isText && node.text!.includes(needle))
        at = pos + node.text!.indexOf(needle) + needle.length;
      return at < 0;
    });
    return at;
  };
  const mark = (id: string) => treatySchema.marks.insertion.create({ proposal: id });
  tr.insert(end('This applies'), treatySchema.text(' to all', [mark('prus0000001')]));
  tr.insert(end(' to all'), treatySchema.text(' at once', [mark('pusa0000001')]));
  tr.insert(end('Nothing else'), treatySchema.text(' at all', [mark('pchn0000001')]));
  return tr.doc;
}

function record(id: string, delegation: string, status: ProposalRecord['status'] = 'open'): ProposalRecord {
  return {
    id,
    delegation: delegation as DelegationId,
    personId: 'p',
    personName: 'P',
    createdAt: `2026-11-23T00:00:0${id.length % 10}Z`,
    note: '',
    status,
    decision: null,
  };
}

const info = (records: ProposalRecord[]): ProposalInfo => ({
  records: new Map(records.map((r) => [r.id, r])),
  positions: new Map(),
  lines: new Map(records.map((r) => [r.id, r.delegation ?? 'Chair'])),
});

describe('the proposals panel rows', () => {
  const records = [record('prus0000001', 'RUS'), record('pusa0000001', 'USA'), record('pchn0000001', 'CHN')];

  it('PR9: proposals of different delegations on one paragraph are competing; others are not', () => {
    const rows = proposalRows(doc(), info(records));
    const by = (id: string) => rows.find((r) => r.record.id === id)!;
    expect(by('prus0000001').competing).toEqual(['USA']);
    expect(by('pusa0000001').competing).toEqual(['RUS']);
    expect(by('pchn0000001').competing).toEqual([]);
    expect(by('prus0000001')).toMatchObject({
      kind: 'insertion',
      location: 'Article 1, paragraph 1',
      inserted: ' to all',
    });
  });

  it('filters by delegation, group and status, and steps to the next proposal', () => {
    const rows = proposalRows(
      doc(),
      info([...records.slice(0, 2), record('pchn0000001', 'CHN', 'withdrawn')]),
    );
    expect(filterRows(rows, NO_FILTER).map((r) => r.record.id)).toEqual(['prus0000001', 'pusa0000001']);
    expect(
      filterRows(rows, { ...NO_FILTER, delegation: 'USA' as DelegationId }).map((r) => r.record.id),
    ).toEqual(['pusa0000001']);
    expect(filterRows(rows, { ...NO_FILTER, group: 'SCO' }).map((r) => r.record.id)).toEqual(['prus0000001']);
    expect(filterRows(rows, { ...NO_FILTER, status: 'withdrawn' }).map((r) => r.record.id)).toEqual([
      'pchn0000001',
    ]);
    const first = rows[0]!.pos!;
    expect(nextProposalPos(rows, first, 1)).toBeGreaterThan(first);
    expect(nextProposalPos(rows, first, -1)).toBe(Math.max(...rows.map((r) => r.pos ?? 0)));
  });
});

describe('a proposed new paragraph in the list', () => {
  it('PR12: its row shows the paragraph’s text, one line per block, so the chair never accepts it unseen', () => {
    const base = doc();
    let end = -1;
    base.descendants((node, pos) => {
      if (node.type.name === 'paragraph' && node.textContent.startsWith('Nothing')) end = pos + node.nodeSize;
      return end < 0;
    });
    const { nodes } = treatySchema;
    const paragraph = nodes.paragraph.create({ id: 'newpara0003', inserted: 'prus0000002' }, [
      nodes.body.create(null, treatySchema.text('Each Party shall:')),
      nodes.subparagraph.create(
        { id: 'newsub00001' },
        nodes.body.create(null, treatySchema.text('cooperate.')),
      ),
    ]);
    const withParagraph = EditorState.create({ schema: treatySchema, doc: base }).tr.insert(
      end,
      paragraph,
    ).doc;
    const rows = proposalRows(withParagraph, info([record('prus0000002', 'RUS')]));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'new paragraph', inserted: 'Each Party shall:\ncooperate.' });
  });
});

import {
  addOption,
  type BracketContext,
  type BracketRecord,
  bracketBlock,
  bracketSelection,
  newBracketRecord,
  parseTreatyText,
  scanBrackets,
  treatySchema,
} from '@travaux/shared';
import { EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { bracketStops, nextBracketStop, optionTarget } from './bracket-commands.ts';
import { countsText, historyRows, mergeDraft, openBracketRows } from './bracket-list.ts';
import { bracketMarkers } from './bracket-markers.ts';

const TEXT = `Draft

Article 1
Human rights
1. Nothing affects sovereignty.
2. States Parties shall respect human rights in implementing it.
`;

function start(): EditorState {
  const parsed = parseTreatyText(TEXT);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return EditorState.create({ schema: treatySchema, doc: parsed.doc });
}

function find(state: EditorState, needle: string): { from: number; to: number } {
  let at = -1;
  state.doc.descendants((node, pos) => {
    if (at < 0 && node.isText && node.text!.includes(needle)) at = pos + node.text!.indexOf(needle);
    return at < 0;
  });
  if (at < 0) throw new Error(`no ${needle}`);
  return { from: at, to: at + needle.length };
}

function select(state: EditorState, needle: string): EditorState {
  const { from, to } = find(state, needle);
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, from, to)));
}

/** A context keeping the records in a plain map, as the room keeps them in the Y.Doc. */
function context(delegation: 'RUS' | 'MEX' | null, records: Map<string, BracketRecord>): BracketContext {
  const author = {
    delegation: delegation as never,
    personId: `p-${delegation}`,
    personName: String(delegation),
  };
  return {
    author,
    allocate: ({ reason, group }) => {
      const record = newBracketRecord(author, { reason, group });
      records.set(record.id, record);
      return record.id;
    },
  };
}

/** Russia brackets "human rights", Mexico adds an option to it. */
function withOptions() {
  const records = new Map<string, BracketRecord>();
  let state = select(start(), 'human rights');
  state = state.apply(bracketSelection(state, context('RUS', records), 'not agreed')!);
  const russian = [...records.keys()][0]!;
  state = state.apply(addOption(state, 'human rights and freedoms', russian, context('MEX', records), null)!);
  return { state, records, russian };
}

describe('bracket markers (BR1, BR3, BR5)', () => {
  it('BR1: an inline bracket is drawn as "[" at its start and "]" at its end, outside the text, with its owner', () => {
    const records = new Map<string, BracketRecord>();
    let state = select(start(), 'human rights');
    state = state.apply(bracketSelection(state, context('RUS', records), 'not agreed')!);
    const scan = scanBrackets(state.doc);
    const markers = bracketMarkers(state.doc, scan, records);
    const { from, to } = find(state, 'human rights');
    expect(markers.map((m) => [m.edge, m.pos, m.text, m.side])).toEqual([
      ['open', from, '[', 1],
      ['close', to, ']', -1],
    ]);
    expect(markers[0]!.owner).toBe('Bracket of Russian Federation: not agreed');
  });

  it('BR5: options are labelled "Option n:" in order, each with its owner', () => {
    const { state, records } = withOptions();
    const markers = bracketMarkers(state.doc, scanBrackets(state.doc), records).filter(
      (m) => m.edge === 'open',
    );
    expect(markers.map((m) => m.text)).toEqual(['[Option 1: ', '[Option 2: ']);
    expect(markers[1]!.owner).toBe('Option 2 of Mexico');
  });

  it('BR3: a nested bracket sits deeper, its "[" after the outer one and its "]" before', () => {
    const records = new Map<string, BracketRecord>();
    let state = select(start(), 'shall respect human rights');
    state = state.apply(bracketSelection(state, context('RUS', records))!);
    state = select(state, 'shall');
    state = state.apply(bracketSelection(state, context('MEX', records))!);
    const markers = bracketMarkers(state.doc, scanBrackets(state.doc), records);
    const opens = markers.filter((m) => m.edge === 'open' && m.pos === find(state, 'shall').from);
    expect(opens.map((m) => m.depth).sort()).toEqual([1, 2]);
    // Widgets at one position are ordered by side: the outer "[" (side 1) before the inner (side 2).
    expect(opens.find((m) => m.depth === 1)!.side).toBeLessThan(opens.find((m) => m.depth === 2)!.side);
  });

  it('BR1: a bracketed paragraph is drawn at the start and end of its text', () => {
    const records = new Map<string, BracketRecord>();
    let state = select(start(), 'Nothing');
    state = state.apply(bracketBlock(state, context(null, records), false)!);
    const markers = bracketMarkers(state.doc, scanBrackets(state.doc), records);
    const text = find(state, 'Nothing affects sovereignty.');
    expect(markers.map((m) => [m.edge, m.pos])).toEqual([
      ['open', text.from],
      ['close', text.to],
    ]);
    expect(markers[0]!.owner).toBe('Bracket of the Chair');
  });
});

describe('brackets panel rows (BR4, BR6, BR7, BR8)', () => {
  it('BR8: open brackets are listed by article with their counts', () => {
    const { state, records } = withOptions();
    const [article] = openBracketRows(scanBrackets(state.doc), records, {
      role: 'observer',
      delegation: null,
    });
    expect(article!.label).toBe('Article 1');
    expect(countsText(article!.counts)).toBe('Brackets 2 · Options 2 in 1 group');
    expect(article!.rows.map((r) => [r.label, r.owner, r.text])).toEqual([
      ['Option 1', 'Russian Federation', 'human rights'],
      ['Option 2', 'Mexico', 'human rights and freedoms'],
    ]);
  });

  it('BR6: the chair picks or drops options and merges the group once; BR4: nobody lifts an option', () => {
    const { state, records } = withOptions();
    const scan = scanBrackets(state.doc);
    const chair = openBracketRows(scan, records, { role: 'chair', delegation: null })[0]!.rows;
    expect(chair.map((r) => [r.canAgree, r.canPick, r.canMerge, r.canDrop])).toEqual([
      [false, true, true, true],
      [false, true, false, true],
    ]);
    const russia = openBracketRows(scan, records, { role: 'delegate', delegation: 'RUS' as never })[0]!.rows;
    expect(russia.some((r) => r.canLift || r.canPick || r.canDrop)).toBe(false);
    expect(mergeDraft(scan, chair[0]!.key)).toBe('human rights\nhuman rights and freedoms');
  });

  it('BR4: the owner of a plain bracket may lift it, another delegation may not; the chair agrees it', () => {
    const records = new Map<string, BracketRecord>();
    let state = select(start(), 'human rights');
    state = state.apply(bracketSelection(state, context('RUS', records))!);
    const scan = scanBrackets(state.doc);
    const rowFor = (viewer: Parameters<typeof openBracketRows>[2]) =>
      openBracketRows(scan, records, viewer)[0]!.rows[0]!;
    expect(rowFor({ role: 'delegate', delegation: 'RUS' as never }).canLift).toBe(true);
    expect(rowFor({ role: 'delegate', delegation: 'MEX' as never }).canLift).toBe(false);
    expect(rowFor({ role: 'chair', delegation: null }).canAgree).toBe(true);
  });

  it('BR7: the history reads what became of each bracket and where its text came from', () => {
    const base = newBracketRecord({ delegation: 'MEX' as never, personId: 'm', personName: 'M' });
    const agreed: BracketRecord = {
      ...base,
      status: 'agreed',
      derivedFrom: { options: [{ id: base.id, n: 2, delegation: 'MEX' as never }], text: 'human rights' },
      resolution: {
        by: 'c',
        byName: 'Maria Chair',
        at: '2026-01-01T00:00:00.000Z',
        location: 'Article 1, paragraph 2',
        text: 'basic human rights',
        option: null,
      },
    };
    const [row] = historyRows(new Map([[agreed.id, agreed]]));
    expect(row!.outcome).toBe('agreed (brackets removed) by Maria Chair');
    expect(row!.provenance).toBe('derived from Option 2 (Mexico), as amended by the chair');
  });
});

describe('bracket navigation and targets', () => {
  it('BR8: next and previous bracket wrap around the text, one stop per bracket start', () => {
    const { state } = withOptions();
    const stops = bracketStops(state.doc, scanBrackets(state.doc));
    expect(stops).toHaveLength(2);
    expect(nextBracketStop(stops, 0, 1)).toBe(stops[0]);
    expect(nextBracketStop(stops, stops[0]!, 1)).toBe(stops[1]);
    expect(nextBracketStop(stops, stops[1]!, 1)).toBe(stops[0]);
    expect(nextBracketStop(stops, stops[0]!, -1)).toBe(stops[1]);
    expect(nextBracketStop([], 3, 1)).toBeNull();
  });

  it('BR5: "Add alternative" works on a selection or with the caret in a bracket, and says why not elsewhere', () => {
    const { state, russian } = withOptions();
    expect(optionTarget(select(state, 'Nothing'))).toEqual({ kind: 'selection' });
    const inside = find(state, 'human rights').from + 2;
    expect(optionTarget(state.apply(state.tr.setSelection(TextSelection.create(state.doc, inside))))).toEqual(
      {
        kind: 'bracket',
        id: russian,
      },
    );
    const outside = state.apply(
      state.tr.setSelection(TextSelection.create(state.doc, find(state, 'Nothing').from)),
    );
    expect(optionTarget(outside)).toMatch(/caret inside a bracket/);
  });
});

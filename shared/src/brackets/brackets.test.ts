import { TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeTreatyUpdate, treatyFromYDoc } from '../convert.ts';
import { proposeText } from '../proposals/editing.ts';
import { readProposals } from '../proposals/model.ts';
import { EDITORS, endOf, Replica, Server } from '../proposals/test-replica.ts';
import { diffTreaties } from '../revisions/diff.ts';
import { progressLine } from '../revisions/progress.ts';
import { setParagraphStatus, statusBlocks } from '../status/change.ts';
import { parseTreatyText } from '../treaty-text/index.ts';
import { treatyFragment } from '../ydoc.ts';
import {
  addOption,
  addParagraphAlternative,
  bracketBlock,
  bracketSelection,
  checkBracketRange,
  innermostBracketAt,
  pasteBracketedText,
} from './editing.ts';
import { bracketsMap, readBrackets, setBracketReason } from './model.ts';
import { bracketProvenance } from './provenance.ts';
import { agreeBrackets, bracketText, dropBracket, liftBracket, mergeOptions, pickOption } from './resolve.ts';
import { scanBrackets } from './scan.ts';
import { cleanTreatyText } from './views.ts';
import { bracketKey } from './ytext.ts';

const TEXT = `Draft convention

Article 1
Human rights
1. Nothing in this Convention affects sovereignty.
2. States Parties shall respect human rights in implementing it.
`;

function seed(): Uint8Array {
  const parsed = parseTreatyText(TEXT);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return encodeTreatyUpdate(parsed.doc);
}

const MEXICO = {
  personId: 'maria',
  name: 'María López',
  delegation: 'MEX' as never,
  role: 'delegate' as const,
};
const CHAIR = { personId: EDITORS.chair.personId, name: EDITORS.chair.name };

function select(replica: Replica, needle: string): void {
  const end = endOf(replica, needle);
  replica.state = replica.state.apply(
    replica.state.tr.setSelection(TextSelection.create(replica.state.doc, end - needle.length, end)),
  );
}

/** Sends a replica's updates to the server and the other replicas; returns the server's refusal, if any. */
function deliver(server: Server, from: Replica, ...to: Replica[]): string | null {
  const updates = from.flush();
  const refusal = server.receive(from.editor, updates);
  if (!refusal) for (const replica of to) replica.receive(updates);
  return refusal;
}

/** The world of the scenario: Russia has bracketed "shall respect human rights", Mexico has added an option. */
function scenario() {
  const initial = seed();
  const server = new Server(initial);
  const russia = new Replica(EDITORS.russia, initial);
  const mexico = new Replica(MEXICO, initial);
  const chair = new Replica(EDITORS.chair, initial);
  select(russia, 'shall respect human rights');
  expect(
    russia.dispatch(bracketSelection(russia.state, russia.bracketContext(), 'prefers national law')),
  ).toBe(true);
  expect(deliver(server, russia, mexico, chair)).toBeNull();
  const [bracket] = scanBrackets(mexico.state.doc).spans;
  mexico.caret(bracket!.from + 2);
  const option = addOption(
    mexico.state,
    'shall take into account national legislation',
    innermostBracketAt(mexico.state),
    mexico.bracketContext(),
    mexico.context(),
  );
  expect(mexico.dispatch(option)).toBe(true);
  expect(deliver(server, mexico, russia, chair)).toBeNull();
  return { server, russia, mexico, chair, first: bracket!.id };
}

function paragraphText(replica: Replica, n: number): string {
  const texts: string[] = [];
  replica.state.doc.descendants((node) => {
    if (node.type.name === 'paragraph') texts.push(node.textContent);
    return node.type.name !== 'paragraph';
  });
  return texts[n - 1] ?? '';
}

describe('brackets (BR1–BR5)', () => {
  it('BR1/BR2: a delegation brackets a phrase; the record names it and its reason; counts rise (BR8)', () => {
    const { server, first } = scenario();
    const records = readBrackets(server.doc);
    expect(records.get(first)).toMatchObject({
      delegation: 'RUS',
      personId: 'anna',
      reason: 'prefers national law',
      status: 'open',
    });
    const scan = scanBrackets(treatyFromYDoc(server.doc));
    expect(scan.byId.get(first)).toMatchObject({
      text: 'shall respect human rights',
      depth: 1,
      option: 1,
      kind: 'inline',
    });
    expect(scan.byId.get(first)!.location.article).toBe('Article 1');
    expect(scan.total).toEqual({ brackets: 2, options: 2, groups: 1 });
    expect(scan.perArticle).toEqual([
      expect.objectContaining({ label: 'Article 1', brackets: 2, options: 2, groups: 1 }),
    ]);
  });

  it('BR5: an option added by Mexico is its own proposal, bracketed in the group of the first', () => {
    const { server, first } = scenario();
    const scan = scanBrackets(treatyFromYDoc(server.doc));
    const option = scan.spans.find((span) => span.id !== first)!;
    expect(option).toMatchObject({
      group: first,
      key: first,
      option: 2,
      text: 'shall take into account national legislation',
    });
    expect(readBrackets(server.doc).get(option.id)).toMatchObject({ delegation: 'MEX', group: first });
    const proposals = [...readProposals(server.doc).values()];
    expect(proposals).toEqual([expect.objectContaining({ delegation: 'MEX', status: 'open' })]);
  });

  it('BR1: the Y.Text key of a bracket is the one y-prosemirror writes', () => {
    const { server, first } = scenario();
    const keys = new Set<string>();
    const visit = (type: Y.XmlElement | Y.XmlFragment) => {
      for (const child of type.toArray()) {
        if (child instanceof Y.XmlText) {
          for (const op of child.toDelta() as { attributes?: Record<string, unknown> }[])
            for (const key of Object.keys(op.attributes ?? {})) keys.add(key);
        } else if (child instanceof Y.XmlElement) visit(child);
      }
    };
    visit(treatyFragment(server.doc));
    expect(keys).toContain(bracketKey(first, null));
  });

  it('BR3: typing inside a bracket joins it; brackets nest and never cross', () => {
    const { server, russia, mexico, first } = scenario();
    russia.caret(endOf(russia, 'shall respect'));
    russia.dispatch(
      proposeText(
        russia.state,
        russia.state.selection.from,
        russia.state.selection.from,
        ' fully',
        russia.context(),
      ),
    );
    expect(deliver(server, russia, mexico)).toBeNull();
    expect(scanBrackets(mexico.state.doc).byId.get(first)!.text).toBe('shall respect fully human rights');
    // Nested: "human rights" inside the first option.
    select(russia, 'human rights');
    expect(russia.dispatch(bracketSelection(russia.state, russia.bracketContext()))).toBe(true);
    expect(deliver(server, russia, mexico)).toBeNull();
    const nested = scanBrackets(mexico.state.doc).spans.find((span) => span.text === 'human rights')!;
    expect(nested.depth).toBe(2);
    // Crossing: from inside the first option to beyond it.
    const from = endOf(russia, 'shall respect') - 'respect'.length;
    const to = endOf(russia, 'in implementing');
    expect(checkBracketRange(russia.state.doc, from, to)).toBe('crossing');
  });

  it('BR3: the server refuses a bracket that crosses another', () => {
    const { server, russia } = scenario();
    const from = endOf(russia, 'shall respect') - 'respect'.length;
    const to = endOf(russia, 'in implementing');
    const ctx = russia.bracketContext();
    const id = ctx.allocate({ reason: '', group: null });
    russia.dispatch(
      russia.state.tr.addMark(from, to, russia.state.schema.marks.bracket!.create({ id, group: null })),
    );
    expect(deliver(server, russia)).toMatch(/^BR3/);
  });

  it('BR4: a delegation cannot remove, or change the record of, another delegation’s bracket', () => {
    const { server, mexico, first } = scenario();
    const span = scanBrackets(mexico.state.doc).byId.get(first)!;
    mexico.dispatch(
      mexico.state.tr.removeMark(
        span.from,
        span.to,
        mexico.state.schema.marks.bracket!.create({ id: first, group: null }),
      ),
    );
    expect(deliver(server, mexico)).toMatch(/^BR4/);
    const again = new Replica(MEXICO, Y.encodeStateAsUpdate(server.doc));
    const record = readBrackets(again.ydoc).get(first)!;
    bracketsMap(again.ydoc).set(first, { ...record, reason: 'changed by Mexico' });
    expect(deliver(server, again)).toMatch(/^BR2/);
  });

  it('BR4: the owner lifts its own bracket (not an option of a live group); the record stays, lifted', () => {
    const initial = seed();
    const server = new Server(initial);
    const russia = new Replica(EDITORS.russia, initial);
    select(russia, 'sovereignty');
    russia.dispatch(bracketSelection(russia.state, russia.bracketContext()));
    expect(deliver(server, russia)).toBeNull();
    const [span] = scanBrackets(russia.state.doc).spans;
    expect(
      liftBracket(russia.ydoc, span!.id, {
        personId: 'anna',
        name: EDITORS.russia.name,
        delegation: 'RUS' as never,
      }),
    ).toBe(true);
    expect(deliver(server, russia)).toBeNull();
    expect(scanBrackets(treatyFromYDoc(server.doc)).spans).toHaveLength(0);
    expect(readBrackets(server.doc).get(span!.id)).toMatchObject({
      status: 'lifted',
      resolution: { text: 'sovereignty' },
    });
  });

  it('BR4: a delegation cannot lift a bracket of another (the function refuses, and the server too)', () => {
    const { server, mexico, first } = scenario();
    expect(
      liftBracket(mexico.ydoc, first, { personId: 'maria', name: 'María', delegation: 'MEX' as never }),
    ).toBe(false);
    // Forged: Mexico's client removes the bracket in the Y.Doc directly.
    const record = readBrackets(mexico.ydoc).get(first)!;
    bracketsMap(mexico.ydoc).set(first, {
      ...record,
      status: 'lifted',
      resolution: { by: 'maria', byName: 'M', at: '', location: '', text: '', option: null },
    });
    expect(deliver(server, mexico)).toMatch(/^BR4/);
  });

  it('BR2: a bracket record in another delegation’s name is refused', () => {
    const initial = seed();
    const server = new Server(initial);
    const usa = new Replica(EDITORS.usa, initial);
    const ctx = usa.bracketContext();
    const forged = { ...ctx, author: { ...ctx.author, delegation: 'RUS' as never } };
    select(usa, 'sovereignty');
    usa.dispatch(
      bracketSelection(usa.state, {
        ...forged,
        allocate: () => {
          const id = 'bforged00000';
          bracketsMap(usa.ydoc).set(id, {
            id,
            delegation: 'RUS' as never,
            personId: 'john',
            personName: 'J',
            createdAt: '',
            reason: '',
            group: null,
            status: 'open',
            derivedFrom: null,
            resolution: null,
          });
          return id;
        },
      }),
    );
    expect(deliver(server, usa)).toMatch(/^BR2/);
  });
});

describe('the chair resolves (BR6, BR7)', () => {
  it('BR6/BR7: picking Mexico’s option removes Option 1, accepts Mexico’s proposal and keeps the provenance', () => {
    const { server, chair, first } = scenario();
    const option = scanBrackets(chair.state.doc).spans.find((span) => span.id !== first)!;
    expect(pickOption(chair.ydoc, option.id, CHAIR)).toBe(true);
    chair.refresh();
    expect(deliver(server, chair)).toBeNull();
    expect(paragraphText(chair, 2)).toBe(
      'States Parties shall take into account national legislation in implementing it.',
    );
    const records = readBrackets(server.doc);
    expect(records.get(first)).toMatchObject({
      status: 'not-chosen',
      resolution: { text: 'shall respect human rights', option: 1, byName: 'The Chair' },
    });
    expect([...readProposals(server.doc).values()][0]).toMatchObject({
      delegation: 'MEX',
      status: 'accepted',
    });
    const scan = scanBrackets(treatyFromYDoc(server.doc));
    expect(scan.total).toEqual({ brackets: 1, options: 0, groups: 0 });
    const kept = records.get(option.id)!;
    expect(bracketProvenance(kept, bracketText(server.doc, option.id))).toBe(
      'derived from Option 2 (Mexico)',
    );

    // The chair edits the wording, then agrees: the brackets come off and the record says it was amended.
    chair.caret(endOf(chair, 'shall take'));
    chair.dispatch(chair.state.tr.insertText(' fully'));
    expect(deliver(server, chair)).toBeNull();
    expect(agreeBrackets(chair.ydoc, [option.id], CHAIR)).toEqual([option.id]);
    chair.refresh();
    expect(deliver(server, chair)).toBeNull();
    const agreed = readBrackets(server.doc).get(option.id)!;
    expect(agreed.status).toBe('agreed');
    expect(bracketProvenance(agreed, agreed.resolution!.text)).toBe(
      'derived from Option 2 (Mexico), as amended by the chair',
    );
    expect(scanBrackets(treatyFromYDoc(server.doc)).total).toEqual({ brackets: 0, options: 0, groups: 0 });
  });

  it('BR6: merging options replaces them by the chair’s wording, derived from all of them (BR7)', () => {
    const { server, chair, first } = scenario();
    const id = mergeOptions(
      chair.ydoc,
      first,
      'shall respect human rights in accordance with national law',
      CHAIR,
      'bmerged00000',
    );
    expect(id).toBe('bmerged00000');
    chair.refresh();
    expect(deliver(server, chair)).toBeNull();
    expect(paragraphText(chair, 2)).toBe(
      'States Parties shall respect human rights in accordance with national law in implementing it.',
    );
    const records = readBrackets(server.doc);
    expect([...records.values()].filter((r) => r.status === 'merged')).toHaveLength(2);
    expect(bracketProvenance(records.get('bmerged00000')!, bracketText(server.doc, 'bmerged00000'))).toBe(
      'merged from Options 1 (Russian Federation) and 2 (Mexico)',
    );
    expect([...readProposals(server.doc).values()][0]!.status).toBe('superseded');
  });

  it('BR6: dropping an option removes its text and supersedes its proposal; a plain bracket can then be agreed', () => {
    const { server, chair, first } = scenario();
    const option = scanBrackets(chair.state.doc).spans.find((span) => span.id !== first)!;
    expect(dropBracket(chair.ydoc, option.id, CHAIR)).toBe(true);
    chair.refresh();
    expect(deliver(server, chair)).toBeNull();
    expect(paragraphText(chair, 2)).toBe('States Parties shall respect human rights in implementing it.');
    expect(readBrackets(server.doc).get(option.id)!.status).toBe('dropped');
    expect(agreeBrackets(chair.ydoc, [first], CHAIR)).toEqual([first]);
  });

  it('BR6: an option of a live group is not agreed on its own', () => {
    const { chair, first } = scenario();
    expect(agreeBrackets(chair.ydoc, [first], CHAIR)).toEqual([]);
  });
});

describe('whole blocks and paragraph alternatives (BR2, BR5)', () => {
  it('BR2/BR5: a delegation brackets a paragraph and adds its alt; the server accepts both', () => {
    const initial = seed();
    const server = new Server(initial);
    const usa = new Replica(EDITORS.usa, initial);
    usa.caret(endOf(usa, 'sovereignty'));
    expect(usa.dispatch(bracketBlock(usa.state, usa.bracketContext(), false))).toBe(true);
    expect(
      usa.dispatch(
        addParagraphAlternative(
          usa.state,
          'Nothing in this Convention affects the rights of States.',
          usa.bracketContext(),
          usa.context(),
        ),
      ),
    ).toBe(true);
    expect(deliver(server, usa)).toBeNull();
    const scan = scanBrackets(treatyFromYDoc(server.doc));
    expect(scan.spans.map((s) => [s.kind, s.blockType, s.option])).toEqual([
      ['block', 'paragraph', 1],
      ['block', 'paragraph', 2],
    ]);
    expect(scan.total).toEqual({ brackets: 2, options: 2, groups: 1 });
  });

  it('BR2: a whole article is bracketed', () => {
    const initial = seed();
    const server = new Server(initial);
    const china = new Replica(EDITORS.china, initial);
    china.caret(endOf(china, 'sovereignty'));
    expect(china.dispatch(bracketBlock(china.state, china.bracketContext(), true))).toBe(true);
    expect(deliver(server, china)).toBeNull();
    expect(scanBrackets(treatyFromYDoc(server.doc)).spans[0]).toMatchObject({
      kind: 'block',
      blockType: 'article',
      depth: 1,
    });
  });
});

describe('the clean view', () => {
  it('leaves out bracketed passages and open proposals’ insertions, keeping numbers', () => {
    const { server } = scenario();
    const records = readProposals(server.doc);
    const lines = cleanTreatyText(treatyFromYDoc(server.doc), (id) => records.get(id)?.status === 'open');
    expect(lines.map((line) => [line.kind, line.label, line.text])).toEqual([
      ['title', '', 'Draft convention'],
      ['article', 'Article 1', ''],
      ['heading', '', 'Human rights'],
      ['block', '1.', 'Nothing in this Convention affects sovereignty.'],
      ['block', '2.', 'States Parties … in implementing it.'],
    ]);
  });
});

describe('brackets and status in the diff of two texts (RV6)', () => {
  it('RV6/BR8/SS1: the summary gives the bracket counts of both texts and the paragraphs whose status changed', () => {
    const { server, chair, first } = scenario();
    const before = treatyFromYDoc(server.doc);
    const option = scanBrackets(chair.state.doc).spans.find((span) => span.id !== first)!;
    pickOption(chair.ydoc, option.id, CHAIR);
    agreeBrackets(chair.ydoc, [option.id], CHAIR);
    chair.refresh();
    const records = readProposals(chair.ydoc);
    const [, second] = statusBlocks(chair.state.doc);
    const tr = setParagraphStatus(
      chair.state,
      second!.pos,
      'adref',
      (id) => records.get(id)?.status === 'open',
    );
    expect(typeof tr).not.toBe('string');
    chair.dispatch(tr as Exclude<typeof tr, string>);
    expect(deliver(server, chair)).toBeNull();
    const diff = diffTreaties(
      { doc: before, records: new Map() },
      { doc: treatyFromYDoc(server.doc), records: readProposals(server.doc) },
    );
    expect(diff.summary.brackets).toEqual({
      before: { brackets: 2, options: 2, groups: 1 },
      after: { brackets: 0, options: 0, groups: 0 },
    });
    expect(diff.summary.statusChanges).toEqual([
      expect.objectContaining({ location: 'Article 1, paragraph 2', from: 'open', to: 'adref' }),
    ]);
    expect(progressLine(diff.summary)).toBe(
      'Brackets 2 → 0, options 2 → 0 (1 → 0 groups). Status: Article 1, paragraph 2 open → agreed ad ref.',
    );
  });
});

describe('pasting bracketed text (TX12, TX13)', () => {
  it('TX13/BR5: a delegate pastes options from a word processor: they become its brackets and proposal', () => {
    const initial = seed();
    const server = new Server(initial);
    const usa = new Replica(EDITORS.usa, initial);
    usa.caret(endOf(usa, 'sovereignty'));
    const paste = pasteBracketedText(
      usa.state,
      ' [Option 1: of States] [Option 2: of [all] Parties]',
      usa.bracketContext(),
      usa.context(),
    );
    expect(paste?.ok).toBe(true);
    usa.dispatch(paste?.ok ? paste.tr : null);
    expect(deliver(server, usa)).toBeNull();
    const doc = treatyFromYDoc(server.doc);
    expect(paragraphText(usa, 1)).toBe(
      'Nothing in this Convention affects sovereignty of States of all Parties.',
    );
    expect(scanBrackets(doc).total).toEqual({ brackets: 3, options: 2, groups: 1 });
    expect([...readBrackets(server.doc).values()].every((r) => r.delegation === 'USA')).toBe(true);
    expect([...readProposals(server.doc).values()]).toEqual([expect.objectContaining({ delegation: 'USA' })]);
  });

  it('TX12: a pasted notation that is not balanced is refused with its column; text without brackets is left to the usual paste', () => {
    const initial = seed();
    const usa = new Replica(EDITORS.usa, initial);
    usa.caret(endOf(usa, 'sovereignty'));
    expect(pasteBracketedText(usa.state, 'a [b', usa.bracketContext(), usa.context())).toMatchObject({
      ok: false,
      column: 3,
    });
    expect(pasteBracketedText(usa.state, 'plain words', usa.bracketContext(), usa.context())).toBeNull();
  });
});

describe('reasons (BR2)', () => {
  it('BR2: the owner writes the reason of its bracket; the server takes it', () => {
    const { server, russia, first } = scenario();
    setBracketReason(russia.ydoc, readBrackets(russia.ydoc).get(first)!, '  national law prevails  ');
    expect(deliver(server, russia)).toBeNull();
    expect(readBrackets(server.doc).get(first)!.reason).toBe('national law prevails');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeTreatyUpdate, treatyFromYDoc } from '../convert.ts';
import type { DelegationId } from '../ids.ts';
import { parseTreatyText } from '../treaty-text/index.ts';
import { treatyFragment } from '../ydoc.ts';
import { attributionLine } from './attribution.ts';
import { decideProposals } from './decide.ts';
import { proposeBlockDeletion, proposeDeletion, proposeNewParagraph, proposeText } from './editing.ts';
import {
  createProposal,
  positionKey,
  positionsMap,
  proposalsMap,
  readPositions,
  readProposals,
} from './model.ts';
import type { RuleEditor } from './rules.ts';
import { proposalKind, scanProposals } from './scan.ts';
import { EDITORS, endOf, Network, Replica, Server } from './test-replica.ts';

const TEXT = `Draft convention

Article 1
Scope
1. This Convention applies to cooperation.
2. Nothing affects sovereignty.
`;

function seed(): Uint8Array {
  const parsed = parseTreatyText(TEXT);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return encodeTreatyUpdate(parsed.doc);
}

function typeAt(replica: Replica, pos: number, text: string) {
  replica.caret(pos);
  for (const char of text) {
    const { from, to } = replica.state.selection;
    replica.dispatch(proposeText(replica.state, from, to, char, replica.context()));
  }
}

function firstParagraph(replica: Replica): string {
  let text = '';
  replica.state.doc.descendants((node) => {
    if (text || node.type.name !== 'paragraph') return !text;
    text = node.textContent;
    return false;
  });
  return text;
}

describe('proposal mode (PR1, PR2, PR8)', () => {
  it('PR1/PR8: typing is one insertion proposal of the delegation, however many keystrokes', () => {
    const initial = seed();
    const server = new Server(initial);
    const russia = new Replica(EDITORS.russia, initial);
    typeAt(russia, endOf(russia, 'applies to'), ' lawful');
    expect(server.receive(EDITORS.russia, russia.flush())).toBeNull();
    const spans = scanProposals(russia.state.doc);
    expect(spans.size).toBe(1);
    const [span] = [...spans.values()];
    expect(span!.inserted).toBe(' lawful');
    expect(proposalKind(span)).toBe('insertion');
    expect(span!.article).toBe('Article 1');
    expect(span!.paragraph).toBe('paragraph 1');
    expect(readProposals(russia.ydoc).get(span!.id)).toMatchObject({ delegation: 'RUS', status: 'open' });
  });

  it('PR2: deleting proposes a deletion (the text stays, struck) and deleting one’s own insertion removes it', () => {
    const initial = seed();
    const server = new Server(initial);
    const usa = new Replica(EDITORS.usa, initial);
    usa.caret(endOf(usa, 'cooperation'));
    for (let i = 0; i < 'cooperation'.length; i++)
      usa.dispatch(proposeDeletion(usa.state, -1, usa.context()));
    expect(firstParagraph(usa)).toBe('This Convention applies to cooperation.');
    typeAt(usa, endOf(usa, 'applies to '), 'trade');
    usa.dispatch(proposeDeletion(usa.state, -1, usa.context()));
    expect(server.receive(EDITORS.usa, usa.flush())).toBeNull();
    const spans = [...scanProposals(usa.state.doc).values()];
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ deleted: 'cooperation', inserted: 'trad' });
    expect(proposalKind(spans[0])).toBe('replacement');
  });

  it('PR8: typing over a selection is one replacement proposal', () => {
    const initial = seed();
    const china = new Replica(EDITORS.china, initial);
    const end = endOf(china, 'sovereignty');
    china.state = china.state.apply(
      china.state.tr.setSelection(
        // select "sovereignty"
        (china.state.selection.constructor as typeof import('prosemirror-state').TextSelection).create(
          china.state.doc,
          end - 'sovereignty'.length,
          end,
        ),
      ),
    );
    const { from, to } = china.state.selection;
    china.dispatch(proposeText(china.state, from, to, 'the sovereign equality of States', china.context()));
    const spans = [...scanProposals(china.state.doc).values()];
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ deleted: 'sovereignty', inserted: 'the sovereign equality of States' });
  });

  it('PR9: two delegations proposing at the same place keep two competing proposals', () => {
    const initial = seed();
    const server = new Server(initial);
    const russia = new Replica(EDITORS.russia, initial);
    const usa = new Replica(EDITORS.usa, initial);
    const at = endOf(russia, 'cooperation');
    typeAt(russia, at, ' in criminal matters');
    typeAt(usa, at, ' among States Parties');
    const fromRussia = russia.flush();
    const fromUsa = usa.flush();
    expect(server.receive(EDITORS.russia, fromRussia)).toBeNull();
    expect(server.receive(EDITORS.usa, fromUsa)).toBeNull();
    russia.receive(fromUsa);
    usa.receive(fromRussia);
    expect(firstParagraph(russia)).toBe(firstParagraph(usa));
    const spans = [...scanProposals(russia.state.doc).values()];
    expect(spans.map((s) => s.inserted).sort()).toEqual([' among States Parties', ' in criminal matters']);
    const owners = spans.map((s) => readProposals(russia.ydoc).get(s.id)?.delegation).sort();
    expect(owners).toEqual(['RUS', 'USA']);
  });

  it('PR1: a proposed new paragraph is a block proposal whose text is the proposal', () => {
    const initial = seed();
    const server = new Server(initial);
    const russia = new Replica(EDITORS.russia, initial);
    russia.caret(endOf(russia, 'sovereignty.'));
    russia.dispatch(proposeNewParagraph(russia.state, russia.context()));
    for (const char of 'New duties.') {
      const { from, to } = russia.state.selection;
      russia.dispatch(proposeText(russia.state, from, to, char, russia.context()));
    }
    expect(server.receive(EDITORS.russia, russia.flush())).toBeNull();
    const spans = [...scanProposals(russia.state.doc).values()];
    expect(spans).toHaveLength(1);
    expect(proposalKind(spans[0])).toBe('new paragraph');
    expect(spans[0]!.paragraph).toBe('paragraph 3');
  });

  it('PR2: proposing to delete a paragraph keeps it, marked', () => {
    const initial = seed();
    const server = new Server(initial);
    const usa = new Replica(EDITORS.usa, initial);
    usa.caret(endOf(usa, 'Nothing'));
    usa.dispatch(proposeBlockDeletion(usa.state, usa.context()));
    expect(server.receive(EDITORS.usa, usa.flush())).toBeNull();
    expect(proposalKind([...scanProposals(usa.state.doc).values()][0])).toBe('paragraph deletion');
  });
});

describe('enforcement at the server (PR1–PR5, PR7)', () => {
  /** The first paragraph's text (a title takes no marks at all, SH5). */
  const firstBodyText = (doc: Y.Doc) =>
    treatyFragment(doc)
      .createTreeWalker(
        (node) => node instanceof Y.XmlText && (node.parent as Y.XmlElement).nodeName === 'body',
      )
      .next().value as Y.XmlText;

  /** A raw edit straight in Yjs, as a modified client could send it. */
  function rawEdit(
    editor: RuleEditor,
    edit: (doc: Y.Doc, text: Y.XmlText) => void,
    prepare?: (doc: Y.Doc) => void,
  ) {
    const server = new Server(seed());
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server.doc));
    if (prepare) {
      prepare(client);
      Y.applyUpdate(server.doc, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server.doc)));
    }
    const vector = Y.encodeStateVector(client);
    edit(client, firstBodyText(client));
    return server.receive(editor, [Y.encodeStateAsUpdate(client, vector)]);
  }
  const russia: RuleEditor = EDITORS.russia;

  it('PR1/ST5: refuses a new section (a division) from a delegate, as it refuses a new chapter', () => {
    const refused = rawEdit(russia, (doc) => {
      const division = new Y.XmlElement('division');
      division.setAttribute('level', 'section');
      division.insert(0, [new Y.XmlElement('division_heading')]);
      treatyFragment(doc).push([division]);
    });
    expect(refused).toMatch(/^PR1/);
    expect(refused).toContain('added by the chair');
  });

  it('PR1: refuses unmarked new text from a delegate', () => {
    expect(rawEdit(russia, (_doc, text) => text.insert(0, 'Sneaky '))).toMatch(/^PR1/);
  });

  it('PR1: refuses text marked with another delegation’s proposal', () => {
    let usaProposal = '';
    expect(
      rawEdit(
        russia,
        (_doc, text) => text.insert(0, 'Forged ', { insertion: { proposal: usaProposal } }),
        (doc) => {
          usaProposal = createProposal(doc, {
            delegation: 'USA' as DelegationId,
            personId: 'john',
            personName: 'John',
          }).id;
        },
      ),
    ).toMatch(/^PR1/);
  });

  it('PR2: refuses removing base text', () => {
    expect(rawEdit(russia, (_doc, text) => text.delete(0, 4))).toMatch(/^PR2/);
  });

  it('PR3: refuses removing or changing another delegation’s proposed deletion', () => {
    let usaProposal = '';
    const prepare = (doc: Y.Doc) => {
      usaProposal = createProposal(doc, {
        delegation: 'USA' as DelegationId,
        personId: 'john',
        personName: 'John',
      }).id;
      firstBodyText(doc).format(0, 4, { deletion: { proposal: usaProposal } });
    };
    expect(rawEdit(russia, (_doc, text) => text.format(0, 4, { deletion: null }), prepare)).toMatch(/^PR3/);
  });

  it('PR4: refuses a record in another delegation’s name, and changing another’s record', () => {
    expect(
      rawEdit(russia, (doc) => {
        createProposal(doc, { delegation: 'USA' as DelegationId, personId: 'anna', personName: 'Anna' });
      }),
    ).toMatch(/^PR4/);
    let usaProposal = '';
    expect(
      rawEdit(
        russia,
        (doc) => {
          const record = proposalsMap(doc).get(usaProposal)!;
          proposalsMap(doc).set(usaProposal, { ...record, status: 'withdrawn' });
        },
        (doc) => {
          usaProposal = createProposal(doc, {
            delegation: 'USA' as DelegationId,
            personId: 'john',
            personName: 'John',
          }).id;
        },
      ),
    ).toMatch(/^PR4/);
  });

  it('PR7: refuses a delegate accepting its own proposal', () => {
    let own = '';
    expect(
      rawEdit(
        russia,
        (doc) => {
          const record = proposalsMap(doc).get(own)!;
          proposalsMap(doc).set(own, {
            ...record,
            status: 'accepted',
            decision: { by: 'anna', byName: 'Anna', at: '', location: '', inserted: '', deleted: '' },
          });
        },
        (doc) => {
          own = createProposal(doc, {
            delegation: 'RUS' as DelegationId,
            personId: 'anna',
            personName: 'Anna',
          }).id;
        },
      ),
    ).toMatch(/^PR7/);
  });

  it('PR5: a delegation takes positions only for itself, never on its own proposal', () => {
    let usaProposal = '';
    const prepare = (doc: Y.Doc) => {
      usaProposal = createProposal(doc, {
        delegation: 'USA' as DelegationId,
        personId: 'john',
        personName: 'John',
      }).id;
    };
    const position = { stance: 'support' as const, personId: 'anna', at: new Date().toISOString() };
    expect(
      rawEdit(
        russia,
        (doc) => positionsMap(doc).set(positionKey(usaProposal, 'RUS' as DelegationId), position),
        prepare,
      ),
    ).toBeNull();
    expect(
      rawEdit(
        russia,
        (doc) => positionsMap(doc).set(positionKey(usaProposal, 'CHN' as DelegationId), position),
        prepare,
      ),
    ).toMatch(/^PR5/);
  });
});

describe('the chair decides (PR7) and the record reads like a compilation (PR10)', () => {
  it('accepting applies the text, rejecting restores it, records stay, and one undo reverts a decision', () => {
    const initial = seed();
    const server = new Server(initial);
    const russia = new Replica(EDITORS.russia, initial);
    const usa = new Replica(EDITORS.usa, initial);
    typeAt(russia, endOf(russia, 'cooperation'), ' in criminal matters');
    usa.caret(endOf(usa, 'This'));
    for (let i = 0; i < 4; i++) usa.dispatch(proposeDeletion(usa.state, -1, usa.context()));
    const updates = [...russia.flush(), ...usa.flush()];
    const chair = new Replica(EDITORS.chair, initial);
    chair.receive(updates);
    expect(server.receive(EDITORS.russia, updates.slice(0, 0))).toBeNull();

    const ids = [...scanProposals(chair.state.doc).values()];
    const russian = ids.find((s) => s.inserted === ' in criminal matters')!.id;
    const american = ids.find((s) => s.deleted === 'This')!.id;
    const undo = new Y.UndoManager([treatyFragment(chair.ydoc), proposalsMap(chair.ydoc)], {
      trackedOrigins: new Set(['decision']),
      captureTimeout: 0,
    });
    decideProposals(chair.ydoc, [russian], 'accept', { personId: 'chair', name: 'The Chair' }, 'decision');
    decideProposals(chair.ydoc, [american], 'reject', { personId: 'chair', name: 'The Chair' }, 'decision');
    chair.refresh();
    expect(firstParagraph(chair)).toBe('This Convention applies to cooperation in criminal matters.');
    expect(scanProposals(chair.state.doc).size).toBe(0);
    const records = readProposals(chair.ydoc);
    expect(records.get(russian)).toMatchObject({
      status: 'accepted',
      decision: { inserted: ' in criminal matters' },
    });
    expect(records.get(american)).toMatchObject({ status: 'rejected', decision: { deleted: 'This' } });
    expect(records.get(russian)!.decision!.location).toBe('Article 1, paragraph 1');

    undo.undo();
    chair.refresh();
    expect(readProposals(chair.ydoc).get(american)!.status).toBe('open');
    expect(readProposals(chair.ydoc).get(russian)!.status).toBe('accepted');
    expect([...scanProposals(chair.state.doc).values()].map((s) => s.id)).toEqual([american]);
  });

  it('PR4: withdrawing reverts the owner’s text and passes the rules', () => {
    const initial = seed();
    const server = new Server(initial);
    const russia = new Replica(EDITORS.russia, initial);
    typeAt(russia, endOf(russia, 'cooperation'), ' in criminal matters');
    russia.caret(endOf(russia, 'Nothing'));
    for (let i = 0; i < 7; i++) russia.dispatch(proposeDeletion(russia.state, -1, russia.context()));
    expect(server.receive(EDITORS.russia, russia.flush())).toBeNull();
    const ids = [...scanProposals(russia.state.doc).keys()];
    expect(ids).toHaveLength(2);
    decideProposals(russia.ydoc, ids, 'withdraw', { personId: 'anna', name: 'Anna Petrova' });
    expect(server.receive(EDITORS.russia, russia.flush())).toBeNull();
    russia.refresh();
    expect(scanProposals(russia.state.doc).size).toBe(0);
    expect(firstParagraph(russia)).toBe('This Convention applies to cooperation.');
    for (const id of ids)
      expect(readProposals(russia.ydoc).get(id)).toMatchObject({ status: 'withdrawn', decision: null });
  });

  it('PR7: the chair records a proposal as superseded, reverting its text, within the rules', () => {
    const initial = seed();
    const server = new Server(initial);
    const usa = new Replica(EDITORS.usa, initial);
    typeAt(usa, endOf(usa, 'cooperation'), ' among States');
    const updates = usa.flush();
    expect(server.receive(EDITORS.usa, updates)).toBeNull();
    const chair = new Replica(EDITORS.chair, initial);
    chair.receive(updates);
    const [id] = [...scanProposals(chair.state.doc).keys()];
    decideProposals(chair.ydoc, [id!], 'supersede', { personId: 'chair', name: 'The Chair' });
    expect(server.receive(EDITORS.chair, chair.flush())).toBeNull();
    chair.refresh();
    expect(firstParagraph(chair)).toBe('This Convention applies to cooperation.');
    expect(readProposals(chair.ydoc).get(id!)).toMatchObject({
      status: 'superseded',
      decision: { inserted: ' among States' },
    });
  });

  it('PR10: the attribution line', () => {
    const doc = new Y.Doc();
    const record = createProposal(doc, {
      delegation: 'RUS' as DelegationId,
      personId: 'anna',
      personName: 'Anna',
    });
    const at = (minute: number) => `2026-11-23T00:0${minute}:00Z`;
    positionsMap(doc).set(positionKey(record.id, 'BLR' as DelegationId), {
      stance: 'cosponsor',
      personId: 'b',
      at: at(1),
    });
    positionsMap(doc).set(positionKey(record.id, 'IRN' as DelegationId), {
      stance: 'support',
      personId: 'i',
      at: at(2),
    });
    positionsMap(doc).set(positionKey(record.id, 'AZE' as DelegationId), {
      stance: 'support',
      personId: 'a',
      at: at(3),
    });
    positionsMap(doc).set(positionKey(record.id, 'EU' as DelegationId), {
      stance: 'oppose',
      personId: 'e',
      at: at(4),
    });
    positionsMap(doc).set(positionKey(record.id, 'USA' as DelegationId), {
      stance: 'oppose',
      personId: 'u',
      at: at(5),
    });
    expect(attributionLine(record, readPositions(doc, record.id))).toBe(
      'Russian Federation (co-sponsored by Belarus), supported by Iran (Islamic Republic of), Azerbaijan; opposed by European Union, United States of America',
    );
  });
});

describe('convergence under random concurrent proposals', () => {
  type Op = { who: number; kind: 'type' | 'backspace' | 'delete' | 'sync'; at: number; text: string };
  const op: fc.Arbitrary<Op> = fc.record({
    who: fc.integer({ min: 0, max: 2 }),
    kind: fc.constantFrom<Op['kind']>('type', 'backspace', 'delete', 'sync'),
    at: fc.nat(),
    text: fc.constantFrom('a', 'bc', ' de', 'X'),
  });

  /**
   * Runs `ops` on replicas of `editors`, every update going through the server as in production: the server
   * checks it under the rules, forwards what it accepts, and a replica whose update was refused starts again
   * from the server's state (PR11). Returns the replicas, the server and the number of refusals.
   */
  function run(editors: (typeof EDITORS)[keyof typeof EDITORS][], ops: Op[]) {
    const initial = seed();
    const network = new Network(editors, initial);
    for (const { who, kind, at, text } of ops) {
      const replica = network.replicas[who % network.replicas.length]!;
      if (kind === 'sync') {
        network.sync();
        continue;
      }
      const positions: number[] = [];
      replica.state.doc.descendants((node, pos) => {
        if (node.isTextblock && node.type.spec.marks !== '') {
          for (let i = 0; i <= node.content.size; i++) positions.push(pos + 1 + i);
        }
        return true;
      });
      replica.caret(positions[at % positions.length]!);
      const ctx = replica.context();
      if (kind === 'type') {
        const { from, to } = replica.state.selection;
        replica.dispatch(proposeText(replica.state, from, to, text, ctx));
      } else {
        replica.dispatch(proposeDeletion(replica.state, kind === 'backspace' ? -1 : 1, ctx));
      }
    }
    network.sync();
    return network;
  }

  it('PR9/SH3: replicas of three delegations converge on the server’s text and records, never refused for shape', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const { replicas, server } = run([EDITORS.russia, EDITORS.usa, EDITORS.china], ops);
        // SH1–SH7: honest concurrent edits are never refused for their shape.
        expect(server.shapeRefusals).toBe(0);
        const expected = JSON.stringify(treatyFromYDoc(server.doc).toJSON());
        for (const replica of replicas) {
          expect(JSON.stringify(treatyFromYDoc(replica.ydoc).toJSON())).toBe(expected);
          // What the replica's editor shows is what its Y.Doc holds.
          expect(replica.state.doc.eq(treatyFromYDoc(replica.ydoc))).toBe(true);
        }
        const records = JSON.stringify([...readProposals(server.doc)].sort());
        for (const replica of replicas)
          expect(JSON.stringify([...readProposals(replica.ydoc)].sort())).toBe(records);
      }),
      { numRuns: 80 },
    );
  });

  it('PR1–PR3/SH1–SH7: an honest delegation editing without concurrency is never refused', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        expect(run([EDITORS.russia], ops).refusals).toBe(0);
      }),
      { numRuns: 80 },
    );
  });
});

import { TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addParagraphAlternative, bracketBlock, bracketSelection } from '../brackets/editing.ts';
import { bracketsMap, newBracketRecord, readBrackets } from '../brackets/model.ts';
import { liftBracket } from '../brackets/resolve.ts';
import { bracketKey, bracketsOn } from '../brackets/ytext.ts';
import { RECORD_TIME_AHEAD_MS, RECORD_TIME_BEHIND_MS } from '../record-stamps.ts';
import { treatyFragment } from '../ydoc.ts';
import { decideProposals } from './decide.ts';
import { proposeBlockDeletion, proposeDeletion, proposeNewParagraph, proposeText } from './editing.ts';
import { createProposal, positionKey, positionsMap, proposalsMap, readProposals } from './model.ts';
import { deliver, EDITORS, endOf, Replica, Server, seedFromText } from './test-replica.ts';

// Issue 16: the authorship holes (PR13, BR10) and identities and times in records (GD5), as a modified client
// would send them, checked by the server's rules; the honest counterparts pass.

const TEXT = `Draft convention

Article 1
Scope
1. This Convention applies to cooperation.
2. Nothing affects sovereignty.
`;

const seed = () => seedFromText(TEXT);

function type(replica: Replica, pos: number, text: string): void {
  replica.caret(pos);
  const { from, to } = replica.state.selection;
  expect(replica.dispatch(proposeText(replica.state, from, to, text, replica.context()))).toBe(true);
}

function select(replica: Replica, needle: string): void {
  const end = endOf(replica, needle);
  replica.state = replica.state.apply(
    replica.state.tr.setSelection(TextSelection.create(replica.state.doc, end - needle.length, end)),
  );
}

/** The Y.XmlText of the paragraph whose text contains `needle` (the first), in `doc`. */
function textWith(doc: Y.Doc, needle: string): Y.XmlText {
  for (const node of treatyFragment(doc).createTreeWalker((type) => type instanceof Y.XmlText)) {
    if ((node as Y.XmlText).toString().includes(needle) || plain(node as Y.XmlText).includes(needle))
      return node as Y.XmlText;
  }
  throw new Error(`no text with "${needle}"`);
}

/** The paragraph (or other block) element holding `text`. */
function blockOf(text: Y.XmlText, name = 'paragraph'): Y.XmlElement {
  let node = text.parent as Y.XmlElement;
  while (node.nodeName !== name) node = node.parent as Y.XmlElement;
  return node;
}

function plain(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[]).map((op) => String(op.insert)).join('');
}

/** Russia proposes a new paragraph 3 reading "Russian words here", delivered to the server and `others`. */
function russianParagraph(server: Server, russia: Replica, ...others: Replica[]): void {
  russia.caret(endOf(russia, 'sovereignty.'));
  expect(russia.dispatch(proposeNewParagraph(russia.state, russia.context()))).toBe(true);
  const { from } = russia.state.selection;
  type(russia, from, 'Russian words here');
  expect(deliver(server, russia, ...others)).toBeNull();
}

describe('PR13: inside a block its own proposal adds, a delegation removes only what is its own', () => {
  it("PR13: refuses removing another delegation's amendment there; its own text still goes", () => {
    const initial = seed();
    const server = new Server(initial);
    const russia = new Replica(EDITORS.russia, initial);
    const usa = new Replica(EDITORS.usa, initial);
    russianParagraph(server, russia, usa);
    type(usa, endOf(usa, 'Russian'), ' and American');
    expect(deliver(server, usa, russia)).toBeNull();
    const text = textWith(russia.ydoc, 'American');
    const before = plain(textWith(server.doc, 'American'));

    // Forged: Russia's client deletes the whole line, the American amendment with it.
    text.delete(0, text.length);
    expect(deliver(server, russia)).toMatch(/^PR13/);
    expect(plain(textWith(server.doc, 'American'))).toBe(before);

    // Honest: Russia removes a word of its own ("here") from its paragraph.
    const fresh = new Replica(EDITORS.russia, Y.encodeStateAsUpdate(server.doc));
    const own = textWith(fresh.ydoc, 'here');
    own.delete(plain(own).indexOf(' here'), ' here'.length);
    expect(deliver(server, fresh)).toBeNull();
  });

  it('PR13: refuses removing text another delegation bracketed inside that block, and the block itself', () => {
    const initial = seed();
    const server = new Server(initial);
    const russia = new Replica(EDITORS.russia, initial);
    const usa = new Replica(EDITORS.usa, initial);
    russianParagraph(server, russia, usa);
    select(usa, 'words');
    expect(usa.dispatch(bracketSelection(usa.state, usa.bracketContext(), 'not agreed'))).toBe(true);
    expect(deliver(server, usa, russia)).toBeNull();

    const text = textWith(russia.ydoc, 'words');
    text.delete(plain(text).indexOf('words'), 'words'.length);
    expect(deliver(server, russia)).toMatch(/^PR13/);

    // Removing the whole proposed paragraph would take the American bracket with it.
    const again = new Replica(EDITORS.russia, Y.encodeStateAsUpdate(server.doc));
    const paragraph = blockOf(textWith(again.ydoc, 'words'));
    const parent = paragraph.parent as Y.XmlElement;
    parent.delete(parent.toArray().indexOf(paragraph), 1);
    expect(deliver(server, again)).toMatch(/^PR13/);
  });

  it('PR13: proposal mode deletes a selection of its own block but leaves the others’ amendment and bracket', () => {
    const initial = seed();
    const server = new Server(initial);
    const russia = new Replica(EDITORS.russia, initial);
    const usa = new Replica(EDITORS.usa, initial);
    russianParagraph(server, russia, usa);
    type(usa, endOf(usa, 'Russian'), ' and American');
    select(usa, 'words');
    expect(usa.dispatch(bracketSelection(usa.state, usa.bracketContext()))).toBe(true);
    expect(deliver(server, usa, russia)).toBeNull();
    // The whole line mixes Russia's runs with the others': proposal mode declines to delete it at once.
    let line = { from: 0, to: 0 };
    russia.state.doc.descendants((node, pos) => {
      if (node.isTextblock && node.textContent.startsWith('Russian'))
        line = { from: pos + 1, to: pos + 1 + node.content.size };
      return !node.isTextblock;
    });
    const selectLine = (to: number) => {
      russia.state = russia.state.apply(
        russia.state.tr.setSelection(TextSelection.create(russia.state.doc, line.from, to)),
      );
    };
    selectLine(line.to);
    expect(proposeDeletion(russia.state, -1, russia.context())).toBeNull();
    // "Russian and American": only "Russian" is Russia's; it goes, the amendment stays.
    selectLine(line.from + 'Russian and American'.length);
    expect(russia.dispatch(proposeDeletion(russia.state, -1, russia.context()))).toBe(true);
    expect(deliver(server, russia)).toBeNull();
    expect(plain(textWith(server.doc, 'American'))).toBe(' and American words here');
    // Backspace into the American amendment or the bracketed word removes nothing.
    russia.caret(endOf(russia, 'words'));
    const backspace = proposeDeletion(russia.state, -1, russia.context());
    expect(backspace === null || !backspace.docChanged).toBe(true);
    // Withdrawing the whole block is no longer the owner's alone: the editor declines, the server would refuse.
    russia.caret(endOf(russia, 'American'));
    expect(proposeBlockDeletion(russia.state, russia.context(), false)).toBeNull();
  });

  it('PR13: a proposed block holding only its own text is withdrawn whole', () => {
    const initial = seed();
    const server = new Server(initial);
    const russia = new Replica(EDITORS.russia, initial);
    russianParagraph(server, russia);
    const ids = [...readProposals(russia.ydoc).keys()];
    decideProposals(russia.ydoc, ids, 'withdraw', { personId: 'anna', name: EDITORS.russia.name });
    expect(deliver(server, russia)).toBeNull();
    expect(plain(textWith(server.doc, 'sovereignty'))).not.toContain('Russian');
  });
});

describe('BR10: the group of a bracket never changes, whoever owns it', () => {
  it("BR10: refuses a delegation turning another delegation's bracket mark into an option of another group", () => {
    const initial = seed();
    const server = new Server(initial);
    const usa = new Replica(EDITORS.usa, initial);
    const russia = new Replica(EDITORS.russia, initial);
    const chair = new Replica(EDITORS.chair, initial);
    select(usa, 'cooperation');
    expect(usa.dispatch(bracketSelection(usa.state, usa.bracketContext()))).toBe(true);
    expect(deliver(server, usa, russia, chair)).toBeNull();
    select(chair, 'sovereignty');
    expect(chair.dispatch(bracketSelection(chair.state, chair.bracketContext()))).toBe(true);
    expect(deliver(server, chair, russia)).toBeNull();
    const chairBracket = [...readBrackets(russia.ydoc).values()].find((r) => r.delegation === null)!.id;

    for (const forger of [russia, new Replica(EDITORS.usa, Y.encodeStateAsUpdate(server.doc))]) {
      const text = textWith(forger.ydoc, 'cooperation');
      const index = plain(text).indexOf('cooperation');
      const attrs = (text.toDelta() as { insert: string; attributes?: Record<string, unknown> }[]).find(
        (op) => op.insert.includes('cooperation'),
      )!.attributes!;
      const [id, key] = [...bracketsOn(attrs)][0]!;
      text.format(index, 'cooperation'.length, {
        [key]: null,
        [bracketKey(id, chairBracket)]: { id, group: chairBracket },
      });
      // Russia's change is to another's bracket, the United States' to its own: both refused.
      expect(deliver(server, forger)).toMatch(/^BR10/);
    }
    expect(readBrackets(server.doc).get(chairBracket)?.group).toBeNull();
  });

  it("BR10: refuses removing or setting a block's bracketGroup while its bracket stays; the alt itself is accepted", () => {
    const initial = seed();
    const server = new Server(initial);
    const usa = new Replica(EDITORS.usa, initial);
    usa.caret(endOf(usa, 'sovereignty'));
    expect(usa.dispatch(bracketBlock(usa.state, usa.bracketContext(), false))).toBe(true);
    expect(
      usa.dispatch(
        addParagraphAlternative(usa.state, 'Nothing affects rights.', usa.bracketContext(), usa.context()),
      ),
    ).toBe(true);
    expect(deliver(server, usa)).toBeNull();

    const alt = blockOf(textWith(usa.ydoc, 'rights'));
    expect(alt.getAttribute('bracketGroup')).toBeTruthy();
    alt.removeAttribute('bracketGroup');
    expect(deliver(server, usa)).toMatch(/^BR10/);

    const russia = new Replica(EDITORS.russia, Y.encodeStateAsUpdate(server.doc));
    const first = blockOf(textWith(russia.ydoc, 'sovereignty'));
    const altBracket = blockOf(textWith(russia.ydoc, 'rights')).getAttribute('bracket');
    first.setAttribute('bracketGroup', altBracket as string);
    expect(deliver(server, russia)).toMatch(/^BR10/);
  });
});

describe('GD5: identities and times in records are the server’s', () => {
  const now = Date.now();
  const fresh = () => new Replica(EDITORS.russia, seed());

  it("GD5: refuses a proposal under another person's name, or dated 1990 or in the future", () => {
    for (const [record, rule] of [
      [{ personName: 'Vladimir Putin' }, /^GD5/],
      [{ createdAt: '1990-01-01T00:00:00.000Z' }, /^GD5/],
      [{ createdAt: new Date(now + RECORD_TIME_AHEAD_MS + 60_000).toISOString() }, /^GD5/],
      [{ createdAt: new Date(now - RECORD_TIME_BEHIND_MS - 60_000).toISOString() }, /^GD5/],
      [{ createdAt: 'yesterday' }, /^GD5/],
      [{}, null],
    ] as const) {
      const russia = fresh();
      const server = new Server(seed());
      // One transaction: the record arrives as written, not as an honest record then changed.
      russia.ydoc.transact(() => {
        const made = createProposal(russia.ydoc, {
          delegation: 'RUS' as never,
          personId: 'anna',
          personName: EDITORS.russia.name,
        });
        proposalsMap(russia.ydoc).set(made.id, { ...made, ...record });
      });
      const refusal = deliver(server, russia);
      if (rule) expect(refusal).toMatch(rule);
      else expect(refusal).toBeNull();
    }
  });

  it('GD5: refuses a position dated outside the window, and a bracket under another name', () => {
    const initial = seed();
    const server = new Server(initial);
    const usa = new Replica(EDITORS.usa, initial);
    const russia = new Replica(EDITORS.russia, initial);
    type(usa, endOf(usa, 'cooperation'), ' and trade');
    expect(deliver(server, usa, russia)).toBeNull();
    const [proposal] = [...readProposals(russia.ydoc).keys()];
    positionsMap(russia.ydoc).set(positionKey(proposal!, 'RUS' as never), {
      stance: 'support',
      personId: 'anna',
      at: '1990-01-01T00:00:00.000Z',
    });
    expect(deliver(server, russia)).toMatch(/^GD5/);

    const other = new Replica(EDITORS.russia, Y.encodeStateAsUpdate(server.doc));
    select(other, 'sovereignty');
    const ctx = other.bracketContext();
    const author = { ...ctx.author, personName: 'Someone Else' };
    expect(
      other.dispatch(
        bracketSelection(other.state, {
          author,
          allocate: (options) => {
            const record = newBracketRecord(author, options);
            bracketsMap(other.ydoc).set(record.id, record);
            return record.id;
          },
        }),
      ),
    ).toBe(true);
    expect(deliver(server, other)).toMatch(/^GD5/);
  });

  it('GD5: a decision names the chair who makes it; an owner lifting its bracket cannot record the chair', () => {
    const initial = seed();
    const server = new Server(initial);
    const russia = new Replica(EDITORS.russia, initial);
    const chair = new Replica(EDITORS.chair, initial);
    type(russia, endOf(russia, 'cooperation'), ' and trade');
    expect(deliver(server, russia, chair)).toBeNull();
    const ids = [...readProposals(chair.ydoc).keys()];
    decideProposals(chair.ydoc, ids, 'accept', { personId: 'chair', name: 'Another Chair' });
    expect(deliver(server, chair)).toMatch(/^GD5/);
    const honestChair = new Replica(EDITORS.chair, Y.encodeStateAsUpdate(server.doc));
    decideProposals(honestChair.ydoc, ids, 'accept', { personId: 'chair', name: EDITORS.chair.name });
    expect(deliver(server, honestChair)).toBeNull();

    const owner = new Replica(EDITORS.russia, Y.encodeStateAsUpdate(server.doc));
    select(owner, 'sovereignty');
    expect(owner.dispatch(bracketSelection(owner.state, owner.bracketContext()))).toBe(true);
    expect(deliver(server, owner)).toBeNull();
    const [bracket] = [...readBrackets(owner.ydoc).keys()];
    const asChair = { personId: 'chair', name: EDITORS.chair.name, delegation: 'RUS' as never };
    expect(liftBracket(owner.ydoc, bracket!, asChair)).toBe(true);
    expect(deliver(server, owner)).toMatch(/^GD5/);
    const lifter = new Replica(EDITORS.russia, Y.encodeStateAsUpdate(server.doc));
    const asOwner = { personId: 'anna', name: EDITORS.russia.name, delegation: 'RUS' as never };
    expect(liftBracket(lifter.ydoc, bracket!, asOwner)).toBe(true);
    expect(deliver(server, lifter)).toBeNull();
    expect(readBrackets(server.doc).get(bracket!)?.resolution).toMatchObject({ by: 'anna' });
  });
});

import { rmSync } from 'node:fs';
import {
  bracketKey,
  bracketsMap,
  bracketsOn,
  CloseCode,
  createProposal,
  type DelegationId,
  liftBracket,
  newBracketRecord,
  proposalsMap,
  readBrackets,
  treatyFragment,
} from '@travaux/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from './server.ts';
import { type SyncClient, waitFor } from './test-support/clients.ts';
import {
  createDocumentAs,
  enterAs,
  startHarness,
  storedLog,
  type WatchedClient,
} from './test-support/harness.ts';
import { signIn, type TestSession } from './test-support/roster.ts';

// Issue 16, part 2, with real clients against the real server: the authorship holes (PR13, BR10) and identities
// and times in records (GD5). Each attack is closed with 4422 and its rule, leaves the store byte-identical and
// reaches nobody; the chair's copy, connected throughout, is the witness.

const DRAFT = `Draft convention

Article 1
Scope
1. This Convention applies to cooperation.
2. Nothing affects sovereignty.
`;

let dir: string;
let server: RunningServer;
let negotiation: string;
let chair: TestSession;
let clients: SyncClient[];

beforeEach(async () => {
  ({ dir, server, negotiation, chair } = await startHarness('guard-rules'));
  clients = [];
});

afterEach(async () => {
  for (const client of clients) client.destroy();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Seat {
  readonly session: TestSession;
  readonly client: WatchedClient;
}

async function seat(documentId: string, delegation: string, name: string): Promise<Seat> {
  const session = await signIn(server.access, negotiation, 'delegate', delegation, name);
  return { session, client: await enterAs(server, documentId, session, clients) };
}

function author(seat: Seat) {
  return {
    delegation: seat.session.principal.delegation as DelegationId,
    personId: seat.session.principal.personId,
    personName: seat.session.principal.name,
  };
}

/** Every text of the treaty, in order. */
function texts(doc: Y.Doc): Y.XmlText[] {
  return [...treatyFragment(doc).createTreeWalker((node) => node instanceof Y.XmlText)] as Y.XmlText[];
}

function plain(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[]).map((op) => String(op.insert)).join('');
}

/** The text whose content includes `needle`. */
function textWith(doc: Y.Doc, needle: string): Y.XmlText {
  const found = texts(doc).find((text) => plain(text).includes(needle));
  if (!found) throw new Error(`no text with "${needle}"`);
  return found;
}

/** The paragraph element holding `text`. */
function paragraphOf(text: Y.XmlText): Y.XmlElement {
  let node = text.parent as Y.XmlElement;
  while (node.nodeName !== 'paragraph') node = node.parent as Y.XmlElement;
  return node;
}

/** Russia proposes a new last paragraph of Article 1 reading `line` (as proposal mode writes it). */
function proposeParagraph(russia: Seat, line: string): void {
  const doc = russia.client.doc;
  doc.transact(() => {
    const record = createProposal(doc, author(russia));
    const article = paragraphOf(textWith(doc, 'sovereignty')).parent as Y.XmlElement;
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.setAttribute('id', 'ruspara001');
    paragraph.setAttribute('inserted', record.id);
    const body = new Y.XmlElement('body');
    const text = new Y.XmlText();
    text.insert(0, line);
    body.insert(0, [text]);
    paragraph.insert(0, [body]);
    article.insert(article.length, [paragraph]);
  });
}

async function expectRefused(client: WatchedClient, rule: string, documentId: string, before: string) {
  await waitFor(`the ${rule} refusal`, () => client.closes.length > 0);
  expect(client.closes[0]!.code).toBe(CloseCode.RuleViolation);
  expect(client.closes[0]!.reason).toMatch(new RegExp(`^${rule}`));
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(storedLog(dir, documentId)).toBe(before);
}

describe('PR13: inside its own proposed block, a delegation removes only its own text', () => {
  it("PR13: deleting another delegation's amendment there is refused with 4422, stored and sent nowhere", async () => {
    const documentId = await createDocumentAs(server, chair, DRAFT);
    const witness = await enterAs(server, documentId, chair, clients);
    const russia = await seat(documentId, 'RUS', 'Anna Petrova');
    const usa = await seat(documentId, 'USA', 'John Miller');
    proposeParagraph(russia, 'Russian words here');
    await waitFor('the proposed paragraph', () =>
      texts(usa.client.doc).some((t) => plain(t).includes('Russian')),
    );
    const amendment = createProposal(usa.client.doc, author(usa));
    textWith(usa.client.doc, 'Russian').insert('Russian'.length, ' and American', {
      insertion: { proposal: amendment.id },
    });
    await waitFor('the amendment', () => plain(textWith(witness.doc, 'Russian')).includes('American'));
    expect(usa.client.closes).toEqual([]);

    const before = storedLog(dir, documentId);
    const line = textWith(russia.client.doc, 'American');
    line.delete(0, line.length);
    await expectRefused(russia.client, 'PR13', documentId, before);
    expect(plain(textWith(witness.doc, 'American'))).toBe('Russian and American words here');
  });

  it('PR13: deleting text another delegation bracketed there is refused, and so is the whole block', async () => {
    const documentId = await createDocumentAs(server, chair, DRAFT);
    const witness = await enterAs(server, documentId, chair, clients);
    const russia = await seat(documentId, 'RUS', 'Anna Petrova');
    const usa = await seat(documentId, 'USA', 'John Miller');
    proposeParagraph(russia, 'Russian words here');
    await waitFor('the proposed paragraph', () =>
      texts(usa.client.doc).some((t) => plain(t).includes('Russian')),
    );
    const record = newBracketRecord(author(usa));
    usa.client.doc.transact(() => {
      bracketsMap(usa.client.doc).set(record.id, record);
      textWith(usa.client.doc, 'Russian').format(8, 5, {
        [bracketKey(record.id, null)]: { id: record.id, group: null },
      });
    });
    await waitFor('the bracket', () => readBrackets(russia.client.doc).has(record.id));

    const before = storedLog(dir, documentId);
    textWith(russia.client.doc, 'words').delete(8, 5);
    await expectRefused(russia.client, 'PR13', documentId, before);
    expect(plain(textWith(witness.doc, 'Russian'))).toBe('Russian words here');

    const again = await seat(documentId, 'RUS', 'Anna Petrova');
    const paragraph = paragraphOf(textWith(again.client.doc, 'words'));
    const article = paragraph.parent as Y.XmlElement;
    article.delete(article.toArray().indexOf(paragraph), 1);
    await expectRefused(again.client, 'PR13', documentId, before);
    expect(plain(textWith(witness.doc, 'Russian'))).toBe('Russian words here');
  });
});

describe('BR10: the group of a bracket never changes', () => {
  it("BR10: turning another delegation's bracket into an option of the chair's group is refused", async () => {
    const documentId = await createDocumentAs(server, chair, DRAFT);
    const witness = await enterAs(server, documentId, chair, clients);
    const chairBracket = newBracketRecord({
      delegation: null,
      personId: chair.principal.personId,
      personName: 'Chair',
    });
    witness.doc.transact(() => {
      bracketsMap(witness.doc).set(chairBracket.id, chairBracket);
      textWith(witness.doc, 'sovereignty').format(16, 11, {
        [bracketKey(chairBracket.id, null)]: { id: chairBracket.id, group: null },
      });
    });
    const usa = await seat(documentId, 'USA', 'John Miller');
    const own = newBracketRecord(author(usa));
    usa.client.doc.transact(() => {
      bracketsMap(usa.client.doc).set(own.id, own);
      textWith(usa.client.doc, 'cooperation').format(27, 11, {
        [bracketKey(own.id, null)]: { id: own.id, group: null },
      });
    });
    const russia = await seat(documentId, 'RUS', 'Anna Petrova');
    await waitFor('both brackets', () => readBrackets(russia.client.doc).has(own.id));
    expect(readBrackets(russia.client.doc).has(chairBracket.id)).toBe(true);

    const before = storedLog(dir, documentId);
    const text = textWith(russia.client.doc, 'cooperation');
    const attrs = (text.toDelta() as { insert: string; attributes?: Record<string, unknown> }[]).find((op) =>
      op.insert.includes('cooperation'),
    )!.attributes!;
    const key = bracketsOn(attrs).get(own.id)!;
    text.format(27, 11, {
      [key]: null,
      [bracketKey(own.id, chairBracket.id)]: { id: own.id, group: chairBracket.id },
    });
    await expectRefused(russia.client, 'BR10', documentId, before);
    const seen = (
      textWith(witness.doc, 'cooperation').toDelta() as { attributes?: Record<string, unknown> }[]
    )
      .flatMap((op) => Object.values(op.attributes ?? {}))
      .map((value) => (value as { group?: unknown }).group);
    expect(seen).not.toContain(chairBracket.id);
  });
});

describe('GD5: identities and times in records are the server’s', () => {
  it('GD5: a proposal under another name or dated 1990 is refused, stored and sent nowhere', async () => {
    const documentId = await createDocumentAs(server, chair, DRAFT);
    const witness = await enterAs(server, documentId, chair, clients);
    for (const forged of [{ personName: 'Somebody Else' }, { createdAt: '1990-01-01T00:00:00.000Z' }]) {
      const russia = await seat(documentId, 'RUS', 'Anna Petrova');
      const before = storedLog(dir, documentId);
      russia.client.doc.transact(() => {
        const record = createProposal(russia.client.doc, author(russia));
        proposalsMap(russia.client.doc).set(record.id, { ...record, ...forged });
      });
      await expectRefused(russia.client, 'GD5', documentId, before);
      expect(proposalsMap(witness.doc).size).toBe(0);
    }
  });

  it('GD5: an owner lifting its own bracket cannot record the chair as the decider', async () => {
    const documentId = await createDocumentAs(server, chair, DRAFT);
    const witness = await enterAs(server, documentId, chair, clients);
    const russia = await seat(documentId, 'RUS', 'Anna Petrova');
    const record = newBracketRecord(author(russia));
    russia.client.doc.transact(() => {
      bracketsMap(russia.client.doc).set(record.id, record);
      textWith(russia.client.doc, 'cooperation').format(27, 11, {
        [bracketKey(record.id, null)]: { id: record.id, group: null },
      });
    });
    await waitFor('the bracket', () => readBrackets(witness.doc).has(record.id));
    const before = storedLog(dir, documentId);
    const asChair = { personId: chair.principal.personId, name: 'Chair', delegation: 'RUS' as DelegationId };
    expect(liftBracket(russia.client.doc, record.id, asChair)).toBe(true);
    await expectRefused(russia.client, 'GD5', documentId, before);
    expect(readBrackets(witness.doc).get(record.id)).toMatchObject({ status: 'open', resolution: null });

    // Lifted under its own name, it goes through.
    const honest = await seat(documentId, 'RUS', 'Anna Petrova');
    const asOwner = {
      personId: honest.session.principal.personId,
      name: 'Anna Petrova',
      delegation: 'RUS' as DelegationId,
    };
    expect(liftBracket(honest.client.doc, record.id, asOwner)).toBe(true);
    await waitFor('the lifting', () => readBrackets(witness.doc).get(record.id)?.status === 'lifted');
    expect(honest.client.closes).toEqual([]);
  });
});

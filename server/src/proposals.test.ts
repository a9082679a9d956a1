import { rmSync } from 'node:fs';
import {
  CloseCode,
  chairEditsMap,
  createProposal,
  type DelegationId,
  decideProposals,
  positionKey,
  positionsMap,
  proposalsMap,
  readChairEdits,
  readProposals,
  treatyFragment,
} from '@travaux/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from './server.ts';
import { type SyncClient, waitFor } from './test-support/clients.ts';
import { createDocumentAs, enterAs, startHarness, storedLog } from './test-support/harness.ts';
import { signIn, type TestSession } from './test-support/roster.ts';

// Issue 4's enforcement with real clients against the real server: each rule attacked by a hand-written client
// is refused with 4422, nothing of it is stored or reaches the others (SPEC PR rules).

const DRAFT = 'Draft convention\n\nArticle 1\nScope\n1. This Convention applies to cooperation.\n';

let dir: string;
let server: RunningServer;
let negotiation: string;
let chair: TestSession;
let clients: SyncClient[];

beforeEach(async () => {
  ({ dir, server, negotiation, chair } = await startHarness('proposals'));
  clients = [];
});

afterEach(async () => {
  for (const client of clients) client.destroy();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const createDocument = () => createDocumentAs(server, chair, DRAFT);

const enter = (documentId: string, session: TestSession) => enterAs(server, documentId, session, clients);

function bodyText(doc: Y.Doc): Y.XmlText {
  return treatyFragment(doc)
    .createTreeWalker((node) => node instanceof Y.XmlText && node.toString().startsWith('This'))
    .next().value as Y.XmlText;
}

const stored = (documentId: string) => storedLog(dir, documentId);

const RUS = 'RUS' as DelegationId;
const USA = 'USA' as DelegationId;

describe('proposal rules at the server', () => {
  it('PR1: an honest proposal is stored and reaches the others, attributed', async () => {
    const documentId = await createDocument();
    const russiaSession = await signIn(server.access, negotiation, 'delegate', 'RUS', 'Anna');
    const russia = await enter(documentId, russiaSession);
    const usa = await enter(documentId, await signIn(server.access, negotiation, 'delegate', 'USA', 'John'));
    const record = createProposal(russia.doc, {
      delegation: RUS,
      personId: russiaSession.principal.personId,
      personName: 'Anna',
    });
    const text = bodyText(russia.doc);
    text.insert(text.length - 1, ' in criminal matters', { insertion: { proposal: record.id } });
    await waitFor('the proposal to reach the United States', () =>
      bodyText(usa.doc).toString().includes('in criminal matters'),
    );
    expect(readProposals(usa.doc).get(record.id)).toMatchObject({ delegation: 'RUS', status: 'open' });
    expect(russia.closes).toEqual([]);
  });

  for (const [rule, attack] of [
    ['PR1', (doc: Y.Doc) => bodyText(doc).insert(0, 'Unmarked ')],
    ['PR2', (doc: Y.Doc) => bodyText(doc).delete(0, 5)],
    [
      'PR4',
      (doc: Y.Doc) => {
        createProposal(doc, { delegation: USA, personId: 'someone', personName: 'Forged' });
      },
    ],
  ] as const) {
    it(`${rule}: a hand-written violation closes the connection with 4422 and nothing is stored or forwarded`, async () => {
      const documentId = await createDocument();
      const russia = await enter(
        documentId,
        await signIn(server.access, negotiation, 'delegate', 'RUS', 'Anna'),
      );
      const usa = await enter(
        documentId,
        await signIn(server.access, negotiation, 'delegate', 'USA', 'John'),
      );
      const before = stored(documentId);
      const seen = bodyText(usa.doc).toString();
      attack(russia.doc);
      await waitFor('the refusal', () => russia.closes.length > 0);
      expect(russia.closes[0]!.code).toBe(CloseCode.RuleViolation);
      expect(russia.closes[0]!.reason.startsWith(rule)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stored(documentId)).toBe(before);
      expect(bodyText(usa.doc).toString()).toBe(seen);
      expect(readProposals(usa.doc).size).toBe(0);
    });
  }

  it('PR5/PR7: a delegate cannot accept a proposal or take a position for another delegation; the chair decides', async () => {
    const documentId = await createDocument();
    const russiaSession = await signIn(server.access, negotiation, 'delegate', 'RUS', 'Anna');
    const russia = await enter(documentId, russiaSession);
    const record = createProposal(russia.doc, {
      delegation: RUS,
      personId: russiaSession.principal.personId,
      personName: 'Anna',
    });
    const text = bodyText(russia.doc);
    text.insert(text.length - 1, ' in criminal matters', { insertion: { proposal: record.id } });

    const usa = await enter(documentId, await signIn(server.access, negotiation, 'delegate', 'USA', 'John'));
    await waitFor('the record', () => readProposals(usa.doc).has(record.id));
    proposalsMap(usa.doc).set(record.id, {
      ...readProposals(usa.doc).get(record.id)!,
      status: 'accepted',
      decision: { by: 'x', byName: 'x', at: '', location: '', inserted: '', deleted: '' },
    });
    await waitFor('the refusal', () => usa.closes.length > 0);
    expect(usa.closes[0]).toMatchObject({ code: CloseCode.RuleViolation });
    expect(usa.closes[0]!.reason).toMatch(/^PR4/);

    const china = await enter(documentId, await signIn(server.access, negotiation, 'delegate', 'CHN', 'Li'));
    positionsMap(china.doc).set(positionKey(record.id, 'IND' as DelegationId), {
      stance: 'support',
      personId: 'li',
      at: new Date().toISOString(),
    });
    await waitFor('the refusal', () => china.closes.length > 0);
    expect(china.closes[0]!.reason).toMatch(/^PR5/);

    const chairClient = await enter(documentId, chair);
    await waitFor('the chair to see the record', () => readProposals(chairClient.doc).has(record.id));
    decideProposals(chairClient.doc, [record.id], 'accept', {
      personId: chair.principal.personId,
      name: 'Chair',
    });
    await waitFor(
      'the decision to reach Russia',
      () => readProposals(russia.doc).get(record.id)?.status === 'accepted',
    );
    expect(bodyText(russia.doc).toDelta()).toEqual([
      { insert: 'This Convention applies to cooperation in criminal matters.' },
    ]);
    expect(chairClient.closes).toEqual([]);
  });

  it("PR14/GD5: the chair's direct edit and its record are stored and reach the delegates; a delegate's or a forged record is refused", async () => {
    const documentId = await createDocument();
    const chairClient = await enter(documentId, chair);
    const russia = await enter(
      documentId,
      await signIn(server.access, negotiation, 'delegate', 'RUS', 'Anna'),
    );
    const edit = {
      id: 'cabcdefghijk',
      personId: chair.principal.personId,
      personName: chair.principal.name,
      at: new Date().toISOString(),
      block: 'title',
      offset: 0,
      inserted: 'Revised d',
      removed: 'D',
      marked: true,
      undone: null,
    };
    chairClient.doc.transact(() => {
      chairEditsMap(chairClient.doc).set(edit.id, edit);
    });
    await waitFor("the chair's edit to reach Russia", () => readChairEdits(russia.doc).length === 1);
    expect(readChairEdits(russia.doc)[0]).toEqual(edit);
    expect(chairClient.closes).toEqual([]);

    chairEditsMap(russia.doc).set('czzzzzzzzzzz', { ...edit, id: 'czzzzzzzzzzz' });
    await waitFor('the refusal', () => russia.closes.length > 0);
    expect(russia.closes[0]).toMatchObject({ code: CloseCode.RuleViolation });
    expect(russia.closes[0]!.reason).toMatch(/^PR14/);

    const forger = await enter(documentId, chair);
    chairEditsMap(forger.doc).set('cyyyyyyyyyyy', {
      ...edit,
      id: 'cyyyyyyyyyyy',
      personName: 'Someone else',
    });
    await waitFor('the refusal', () => forger.closes.length > 0);
    expect(forger.closes[0]!.reason).toMatch(/^GD5/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(readChairEdits(chairClient.doc).map((e) => e.id)).toEqual([edit.id]);
  });
});

import { rmSync } from 'node:fs';
import {
  agreeBrackets,
  bracketKey,
  bracketsMap,
  CloseCode,
  createProposal,
  type DelegationId,
  newBracketRecord,
  readBrackets,
  scanBrackets,
  treatyFragment,
  treatyFromYDoc,
} from '@travaux/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from './server.ts';
import { type SyncClient, waitFor } from './test-support/clients.ts';
import {
  createDocumentAs,
  enterAs,
  startHarness,
  storedUpdates,
  type WatchedClient,
} from './test-support/harness.ts';
import { signIn, type TestSession } from './test-support/roster.ts';

// Issue 5's enforcement with real clients against the real server: brackets and paragraph status (SPEC BR, SS
// rules). Each attack is refused with 4422 and a reason naming the rule; nothing of it is stored or forwarded.

const DRAFT = `Draft convention

Article 1
Scope
1. This Convention applies to cooperation.
2. States Parties shall [respect human rights] in implementing it.
`;

let dir: string;
let server: RunningServer;
let negotiation: string;
let chair: TestSession;
let clients: SyncClient[];

beforeEach(async () => {
  ({ dir, server, negotiation, chair } = await startHarness('brackets'));
  clients = [];
});

afterEach(async () => {
  for (const client of clients) client.destroy();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

type Client = WatchedClient;

const createDocument = () => createDocumentAs(server, chair, DRAFT);

const enter = (documentId: string, session: TestSession) => enterAs(server, documentId, session, clients);

async function delegate(documentId: string, delegation: string, name: string) {
  const session = await signIn(server.access, negotiation, 'delegate', delegation, name);
  return { session, client: await enter(documentId, session) };
}

/** The paragraph elements of the treaty, in order. */
function paragraphs(doc: Y.Doc): Y.XmlElement[] {
  return [
    ...treatyFragment(doc).createTreeWalker(
      (node) => node instanceof Y.XmlElement && node.nodeName === 'paragraph',
    ),
  ] as Y.XmlElement[];
}

/** The body text of paragraph `n` (1-based). */
function body(doc: Y.Doc, n: number): Y.XmlText {
  return (paragraphs(doc)[n - 1]!.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

const stored = (documentId: string) => storedUpdates(dir, documentId);

/** Brackets `[index, index + length)` of paragraph `n` for the client's delegation, as an honest client does. */
function bracket(client: Client, session: TestSession, n: number, index: number, length: number): string {
  const record = newBracketRecord({
    delegation: session.principal.delegation as DelegationId,
    personId: session.principal.personId,
    personName: session.principal.name,
  });
  bracketsMap(client.doc).set(record.id, record);
  body(client.doc, n).format(index, length, {
    [bracketKey(record.id, null)]: { id: record.id, group: null },
  });
  return record.id;
}

async function expectRefused(client: Client, rule: string, documentId: string, before: string) {
  await waitFor(`the ${rule} refusal`, () => client.closes.length > 0);
  expect(client.closes[0]!.code).toBe(CloseCode.RuleViolation);
  expect(client.closes[0]!.reason).toMatch(new RegExp(`^${rule}`));
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(stored(documentId)).toBe(before);
}

describe('bracket and status rules at the server', () => {
  it('TX12/BR1: brackets of an imported text are recorded, owned by the imported text', async () => {
    const documentId = await createDocument();
    const { client } = await delegate(documentId, 'USA', 'John');
    const [span] = scanBrackets(treatyFromYDoc(client.doc)).spans;
    expect(span).toMatchObject({ text: 'respect human rights', kind: 'inline' });
    expect(readBrackets(client.doc).get(span!.id)).toMatchObject({ delegation: null, status: 'open' });
  });

  it('BR2/BR4: a bracket reaches every delegation; another delegation removing it is refused with 4422', async () => {
    const documentId = await createDocument();
    const russia = await delegate(documentId, 'RUS', 'Anna');
    const usa = await delegate(documentId, 'USA', 'John');
    const id = bracket(russia.client, russia.session, 1, 5, 10);
    await waitFor('the bracket to reach the United States', () =>
      scanBrackets(treatyFromYDoc(usa.client.doc)).byId.has(id),
    );
    expect(scanBrackets(treatyFromYDoc(usa.client.doc)).byId.get(id)!.text).toBe('Convention');
    expect(readBrackets(usa.client.doc).get(id)).toMatchObject({ delegation: 'RUS' });
    const before = stored(documentId);
    body(usa.client.doc, 1).format(5, 10, { [bracketKey(id, null)]: null });
    await expectRefused(usa.client, 'BR4', documentId, before);
    expect(scanBrackets(treatyFromYDoc(russia.client.doc)).byId.has(id)).toBe(true);
  });

  it('BR4: a delegation bracketing with another delegation’s bracket is refused', async () => {
    const documentId = await createDocument();
    const russia = await delegate(documentId, 'RUS', 'Anna');
    const id = bracket(russia.client, russia.session, 1, 5, 10);
    const usa = await delegate(documentId, 'USA', 'John');
    await waitFor('the record', () => readBrackets(usa.client.doc).has(id));
    const before = stored(documentId);
    body(usa.client.doc, 1).format(16, 7, { [bracketKey(id, null)]: { id, group: null } });
    await expectRefused(usa.client, 'BR', documentId, before);
  });

  it('SS2: a delegate changing a paragraph’s status is refused', async () => {
    const documentId = await createDocument();
    const { client } = await delegate(documentId, 'CHN', 'Li');
    const before = stored(documentId);
    paragraphs(client.doc)[0]!.setAttribute('status', 'adref');
    await expectRefused(client, 'SS2', documentId, before);
  });

  it('SS3/SS4: the chair agrees a clean paragraph, which then refuses proposals; a bracketed one cannot be agreed', async () => {
    const documentId = await createDocument();
    const chairClient = await enter(documentId, chair);
    paragraphs(chairClient.doc)[0]!.setAttribute('status', 'adref');
    const russia = await delegate(documentId, 'RUS', 'Anna');
    await waitFor(
      'the status to reach Russia',
      () => paragraphs(russia.client.doc)[0]!.getAttribute('status') === 'adref',
    );
    expect(chairClient.closes).toEqual([]);

    const before = stored(documentId);
    const record = createProposal(russia.client.doc, {
      delegation: 'RUS' as DelegationId,
      personId: russia.session.principal.personId,
      personName: 'Anna',
    });
    body(russia.client.doc, 1).insert(5, 'new ', { insertion: { proposal: record.id } });
    await waitFor('the refusal', () => russia.client.closes.length > 0);
    expect(russia.client.closes[0]!.reason).toMatch(/^SS3/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The record went in its own update before the text and is allowed; the text is not stored.
    expect(body(chairClient.doc, 1).toString()).toBe('This Convention applies to cooperation.');
    expect(stored(documentId).startsWith(before)).toBe(true);

    const beforeSecond = stored(documentId);
    paragraphs(chairClient.doc)[1]!.setAttribute('status', 'adref');
    await expectRefused(chairClient, 'SS4', documentId, beforeSecond);
  });

  it('SS5: the chair cannot leave a package split', async () => {
    const documentId = await createDocument();
    const chairClient = await enter(documentId, chair);
    chairClient.doc.transact(() => {
      for (const paragraph of paragraphs(chairClient.doc)) paragraph.setAttribute('package', 'P1');
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(chairClient.closes).toEqual([]);
    const before = stored(documentId);
    paragraphs(chairClient.doc)[0]!.setAttribute('status', 'informals');
    await expectRefused(chairClient, 'SS5', documentId, before);
  });

  it('BR6: the chair agreeing a bracket reaches every delegation and keeps the record', async () => {
    const documentId = await createDocument();
    const chairClient = await enter(documentId, chair);
    const usa = await delegate(documentId, 'USA', 'John');
    const [span] = scanBrackets(treatyFromYDoc(chairClient.doc)).spans;
    expect(
      agreeBrackets(chairClient.doc, [span!.id], { personId: chair.principal.personId, name: 'Chair' }),
    ).toEqual([span!.id]);
    await waitFor(
      'the agreement to reach the United States',
      () => scanBrackets(treatyFromYDoc(usa.client.doc)).spans.length === 0,
    );
    expect(readBrackets(usa.client.doc).get(span!.id)).toMatchObject({
      status: 'agreed',
      resolution: { text: 'respect human rights' },
    });
    expect(chairClient.closes).toEqual([]);
  });

  it('RV1/BR1: a revision keeps the bracket records, and reading it returns them', async () => {
    const documentId = await createDocument();
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${chair.token}` };
    const issued = await fetch(`${server.url}/api/documents/${documentId}/revisions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ symbol: 'A/AC.1/L.1' }),
    });
    expect(issued.status).toBe(201);
    const { revision } = (await issued.json()) as { revision: { id: string } };
    const read = await fetch(`${server.url}/api/documents/${documentId}/revisions/${revision.id}`, {
      headers,
    });
    const body = (await read.json()) as { brackets: { delegation: string | null; status: string }[] };
    expect(body.brackets).toEqual([expect.objectContaining({ delegation: null, status: 'open' })]);
  });
});

import { rmSync } from 'node:fs';
import { CloseCode, proposalsMap, treatyFragment } from '@travaux/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from './log.ts';
import { type RunningServer, startServer } from './server.ts';
import { type SyncClient, waitFor } from './test-support/clients.ts';
import { storeDamage } from './test-support/damage.ts';
import {
  createDocumentAs,
  enterAs,
  startHarness,
  storedLog,
  type WatchedClient,
} from './test-support/harness.ts';
import { signIn, type TestSession, withToken } from './test-support/roster.ts';

// Issue 16's shape attacks with real clients against the real server (SPEC SH rules): each is refused with
// 4400 and a reason naming its rule, whoever sends it; nothing is stored or forwarded, and the exports still
// answer with the text intact.

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
  ({ dir, server, negotiation, chair } = await startHarness('shape'));
  clients = [];
});

afterEach(async () => {
  for (const client of clients) client.destroy();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const elements = (doc: Y.Doc, name: string) =>
  [
    ...treatyFragment(doc).createTreeWalker((n) => n instanceof Y.XmlElement && n.nodeName === name),
  ] as Y.XmlElement[];

/** The attacks of issue 16, each a write into the attacker's replica that a stock provider sends as an update. */
const ATTACKS: { name: string; rule: RegExp; attack: (doc: Y.Doc) => void }[] = [
  {
    name: 'an empty body appended to an article',
    rule: /^SH3/,
    attack: (doc) => {
      const article = elements(doc, 'article')[0]!;
      article.insert(article.length, [new Y.XmlElement('body')]);
    },
  },
  {
    name: 'a JSON value in an element',
    rule: /^SH3/,
    attack: (doc) => elements(doc, 'paragraph')[0]!.insert(0, [{ evil: true }] as never),
  },
  {
    name: 'a second title',
    rule: /^SH3/,
    attack: (doc) => {
      const title = new Y.XmlElement('title');
      title.insert(0, [new Y.XmlText('Another title')]);
      treatyFragment(doc).insert(treatyFragment(doc).length, [title]);
    },
  },
  {
    name: 'a script element',
    rule: /^SH2/,
    attack: (doc) => elements(doc, 'article')[0]!.insert(1, [new Y.XmlElement('script')]),
  },
  { name: "getMap('junk')", rule: /^SH1/, attack: (doc) => doc.getMap('junk').set('a', 'b') },
  {
    name: 'an extra field in a proposal record',
    rule: /^SH6/,
    attack: (doc) =>
      proposalsMap(doc).set('pabcdefghijk', {
        id: 'pabcdefghijk',
        delegation: null,
        personId: 'x',
        personName: 'x',
        createdAt: new Date(0).toISOString(),
        note: '',
        status: 'open',
        decision: null,
        payload: 'x',
      } as never),
  },
  {
    name: 'attributes on text',
    rule: /^SH5/,
    attack: (doc) => (elements(doc, 'body')[0]!.get(0) as Y.XmlText).setAttribute('style', 'x'),
  },
  {
    name: 'an unknown block attribute',
    rule: /^SH4/,
    attack: (doc) => elements(doc, 'paragraph')[0]!.setAttribute('onclick', 'x'),
  },
  {
    name: 'four 4 MiB values under new keys',
    rule: /^SH(1|7)/,
    attack: (doc) => {
      for (let i = 0; i < 4; i++) doc.getMap('junk').set(`k${i}`, 'x'.repeat(4 * 1024 * 1024 - 64));
    },
  },
];

async function delegate(documentId: string, delegation: string, name: string): Promise<WatchedClient> {
  const session = await signIn(server.access, negotiation, 'delegate', delegation, name);
  return enterAs(server, documentId, session, clients);
}

describe('the shape of the document at the server (SH)', () => {
  for (const { name, rule, attack } of ATTACKS) {
    it(`SH1–SH7: ${name} is refused with 4400 (the chair’s too), nothing stored or forwarded, exports intact`, async () => {
      const documentId = await createDocumentAs(server, chair, DRAFT);
      const attacker = await enterAs(server, documentId, chair, clients);
      const witness = await delegate(documentId, 'USA', 'John');
      const before = storedLog(dir, documentId);
      const seen = Y.encodeStateVector(witness.doc);
      attacker.doc.transact(() => attack(attacker.doc));
      await waitFor('the refusal', () => attacker.closes.length > 0, 15_000);
      expect(attacker.closes[0]!.code).toBe(CloseCode.ShapeViolation);
      expect(attacker.closes[0]!.reason).toMatch(rule);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(storedLog(dir, documentId)).toBe(before);
      expect(Y.encodeStateVector(witness.doc)).toEqual(seen);
      expect(witness.closes).toEqual([]);
      const text = await fetch(`${server.url}/api/documents/${documentId}/text`, withToken(chair.token));
      expect(text.status).toBe(200);
      expect(await text.text()).toBe(DRAFT);
      attacker.destroy();
    }, 30_000);
  }

  it('SH3: a delegate’s second title is refused for its shape as well', async () => {
    const documentId = await createDocumentAs(server, chair, DRAFT);
    const attacker = await delegate(documentId, 'RUS', 'Anna');
    const before = storedLog(dir, documentId);
    ATTACKS[2]!.attack(attacker.doc);
    await waitFor('the refusal', () => attacker.closes.length > 0);
    expect(attacker.closes[0]).toMatchObject({
      code: CloseCode.ShapeViolation,
      reason: expect.stringMatching(/^SH3/),
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(storedLog(dir, documentId)).toBe(before);
  });
});

/** Writes `damage` into the stored document while the server is stopped, then starts it again. */
async function storeDamaged(documentId: string, damage: (doc: Y.Doc) => void): Promise<void> {
  await server.close();
  await storeDamage(dir, documentId, damage);
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    seedDemo: false,
    logger: silentLogger,
  });
}

describe('documents stored before the shape check (SH8)', () => {
  it('SH8: a stored document with an empty body in an article loads, reads whole, and is audited', async () => {
    const documentId = await createDocumentAs(server, chair, DRAFT);
    await storeDamaged(documentId, (doc) => {
      const article = elements(doc, 'article')[0]!;
      article.insert(article.length, [new Y.XmlElement('body')]);
    });
    const before = storedLog(dir, documentId);
    const text = await fetch(`${server.url}/api/documents/${documentId}/text`, withToken(chair.token));
    expect(text.status).toBe(200);
    expect(await text.text()).toBe(DRAFT);
    // Reading changed nothing: the article and its stray body are still stored, nothing was dropped.
    expect(storedLog(dir, documentId)).toBe(before);
    const reader = await enterAs(server, documentId, chair, clients);
    expect(elements(reader.doc, 'article')[0]!.length).toBe(4);
    const audit = await fetch(`${server.url}/api/audit`, withToken(chair.token));
    const { entries } = (await audit.json()) as {
      entries: { action: string; detail: { problems?: string[] } }[];
    };
    const entry = entries.find((e) => e.action === 'document.shape-problems');
    expect(entry?.detail.problems?.[0]).toMatch(/^SH3/);
  });

  it('SH10: the chair and the convenor read the problems with their locations; the chair repairs them in one audited action, keeping the text', async () => {
    const documentId = await createDocumentAs(server, chair, DRAFT);
    const convenor = await signIn(server.access, negotiation, 'convenor', null, 'Secretariat');
    const delegateSession = await signIn(server.access, negotiation, 'delegate', 'USA', 'John');
    await storeDamaged(documentId, (doc) => {
      const article = elements(doc, 'article')[0]!;
      const body = new Y.XmlElement('body');
      body.insert(0, [new Y.XmlText('Stray words.')]);
      article.insert(article.length, [body]);
      elements(doc, 'paragraph')[0]!.insert(0, [new Y.XmlElement('script')]);
      doc.getMap('junk').set('a', 'b');
    });
    const url = `${server.url}/api/documents/${documentId}`;
    const listed = await fetch(`${url}/problems`, withToken(convenor.token));
    expect(listed.status).toBe(200);
    const { problems } = (await listed.json()) as {
      problems: { rule: string; location: string; message: string }[];
    };
    expect(problems.map((p) => p.rule).sort()).toEqual(['SH1', 'SH2', 'SH3']);
    expect(problems.find((p) => p.rule === 'SH3')!.location).toMatch(/article 1 “Scope”/);
    expect((await fetch(`${url}/problems`, withToken(delegateSession.token))).status).toBe(403);
    const refused = await fetch(`${url}/repair`, withToken(convenor.token, { method: 'POST' }));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'forbidden' });
    const witness = await delegate(documentId, 'FRA', 'Marie');
    const repaired = await fetch(`${url}/repair`, withToken(chair.token, { method: 'POST' }));
    expect(repaired.status).toBe(200);
    const result = (await repaired.json()) as { repaired: unknown[]; problems: unknown[] };
    expect(result.repaired).toHaveLength(problems.length);
    expect(result.problems).toEqual([]);
    // Every character is still there: the stray body became a paragraph of the article.
    const text = await (await fetch(`${url}/text`, withToken(chair.token))).text();
    expect(text).toContain('Stray words.');
    expect(text).toContain('1. This Convention applies to cooperation.');
    await waitFor('the repair to reach the delegate', () => elements(witness.doc, 'script').length === 0);
    expect(witness.doc.getMap('junk').size).toBe(0);
    expect(witness.closes).toEqual([]);
    const audit = await fetch(`${server.url}/api/audit`, withToken(chair.token));
    const { entries } = (await audit.json()) as {
      entries: { action: string; actor: { name: string | null } }[];
    };
    const repairs = entries.filter((e) => e.action === 'document.repaired');
    expect(repairs).toHaveLength(1);
    expect(repairs[0]!.actor.name).toBe('Chair');
    // A repaired document has nothing more to repair, and a second repair changes nothing.
    const again = await fetch(`${url}/repair`, withToken(chair.token, { method: 'POST' }));
    expect(((await again.json()) as { repaired: unknown[] }).repaired).toEqual([]);
  });
});

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CloseCode, createProposal, type DelegationId, MessageType, treatyFragment } from '@travaux/shared';
import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from './log.ts';
import { encodeAwareness as encodeAwarenessEntries } from './rooms/guard.ts';
import { encodeAwareness, encodeSyncStep2, encodeSyncUpdate } from './rooms/messages.ts';
import { DATABASE_FILE, type RunningServer, startServer } from './server.ts';
import { connectClient, RawClient, type SyncClient, waitFor } from './test-support/clients.ts';
import { startHarness } from './test-support/harness.ts';
import { newNegotiation, signIn, type TestSession } from './test-support/roster.ts';

// Issue 3's enforcement rules against the real server (real SQLite, real sockets, real y-websocket clients and
// hand-crafted raw clients). Rule ids refer to shared/SPEC.md (AC rules).

let dir: string;
let server: RunningServer;
let negotiation: string;
let chair: TestSession;
let sockets: { destroy(): void }[];

beforeEach(async () => {
  ({ dir, server, negotiation, chair } = await startHarness('access'));
  sockets = [];
});

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function api(path: string, token: string | null, init: RequestInit = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(`${server.url}${path}`, { ...init, headers });
}

async function createDocument(token = chair.token): Promise<string> {
  const response = await api('/api/documents', token, {
    method: 'POST',
    body: JSON.stringify({ text: 'Draft\n\nArticle 1\nScope\n1. The text.\n' }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { document: { id: string } }).document.id;
}

function client(documentId: string, session: TestSession, doc?: Y.Doc): SyncClient {
  const created = connectClient(server.url, documentId, session.token, doc);
  sockets.push(created);
  return created;
}

function raw(documentId: string, token: string | null): RawClient {
  const created = new RawClient(server.url, documentId, token);
  sockets.push(created);
  return created;
}

/** Everything stored for a document (snapshot and log), straight from the SQLite file. */
function stored(documentId: string): string {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
  try {
    const row = db
      .prepare(
        'SELECT s.data AS snapshot, d.last_seq FROM documents d LEFT JOIN snapshots s ON s.document_id = d.id WHERE d.id = ?',
      )
      .get(documentId) as { snapshot: Buffer | null; last_seq: number };
    const updates = db
      .prepare('SELECT seq, data FROM updates WHERE document_id = ? ORDER BY seq')
      .all(documentId) as {
      seq: number;
      data: Buffer;
    }[];
    return JSON.stringify({
      snapshot: row.snapshot?.toString('hex') ?? null,
      lastSeq: row.last_seq,
      updates: updates.map((u) => [u.seq, u.data.toString('hex')]),
    });
  } finally {
    db.close();
  }
}

/** The Y.XmlText of the treaty's first paragraph body, where these cases' delegates write. */
function bodyText(doc: Y.Doc): Y.XmlText {
  return treatyFragment(doc)
    .createTreeWalker((node) => node instanceof Y.XmlElement && node.nodeName === 'body')
    .next()
    .value.get(0) as Y.XmlText;
}

/** The first paragraph body's characters ('' before the document synced). */
const bodyOf = (doc: Y.Doc) =>
  treatyFragment(doc).length === 0
    ? ''
    : (bodyText(doc).toDelta() as { insert: unknown }[]).map((op) => String(op.insert)).join('');

/** `session` (a delegate) writes `text` as a proposal of its own before the body's final full stop (PR1). */
function propose(doc: Y.Doc, session: TestSession, text: string): void {
  const { principal } = session;
  const record = createProposal(doc, {
    delegation: principal.delegation as DelegationId,
    personId: principal.personId,
    personName: principal.name,
  });
  const body = bodyText(doc);
  body.insert(body.length - 1, text, { insertion: { proposal: record.id } });
}

/** An update that inserts `text` into the Y.Text 't', written by a Y.Doc with `clientID`. */
function forgedUpdate(clientID: number, text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('AC6: authentication of every route and of the sync upgrade', () => {
  it('refuses the API without a token, with a forged one and with an invitation token in place of a session', async () => {
    for (const [token, reason] of [
      [null, 'missing'],
      ['not.a.token', 'malformed'],
      [`${chair.token.slice(0, -4)}AAAA`, 'bad-signature'],
    ] as const) {
      const response = await api('/api/documents', token);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'unauthorized', reason });
    }
    const issued = await server.access.issueInvitation(negotiation, { role: 'observer' }, null);
    const wrongType = await api('/api/documents', issued.token);
    expect(await wrongType.json()).toMatchObject({ error: 'unauthorized', reason: 'wrong-type' });
  });

  it('refuses an expired session over HTTP and on the sync endpoint', async () => {
    const documentId = await createDocument();
    const brief = await signIn(server.access, negotiation, 'delegate', 'KEN', 'Amina', 1 / 3600);
    expect((await api('/api/session', brief.token)).status).toBe(200);
    await delay(1100);
    const response = await api('/api/session', brief.token);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ reason: 'expired' });
    const socket = raw(documentId, brief.token);
    expect((await socket.closed).code).toBe(CloseCode.Unauthorized);
  });

  it('revoking an invitation stops its session at once, closing its open connection with 4401', async () => {
    const documentId = await createDocument();
    const convenorLink = await server.access.issueInvitation(negotiation, { role: 'convenor' }, null);
    const convenor = await server.access.openSession(convenorLink.token, 'Convenor');
    if (!convenor.ok) throw new Error('convenor session refused');
    const delegate = await signIn(server.access, negotiation, 'delegate', 'RUS', 'Anna');
    const live = raw(documentId, delegate.token);
    await live.opened;

    const revoked = await api(`/api/invitations/${delegate.invitationId}`, convenor.session, {
      method: 'DELETE',
    });
    expect(revoked.status).toBe(200);
    expect(await live.closed).toEqual({ code: CloseCode.Unauthorized, reason: 'access revoked' });
    const after = await api('/api/session', delegate.token);
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ reason: 'revoked' });
    expect((await raw(documentId, delegate.token).closed).code).toBe(CloseCode.Unauthorized);

    const audit = (await (await api('/api/audit', chair.token)).json()) as { entries: { action: string }[] };
    const actions = audit.entries.map((e) => e.action);
    expect(actions).toContain('invitation.revoked');
    expect(actions).toContain('refused');
  });

  it('a token for one negotiation cannot open another negotiation’s document', async () => {
    const documentId = await createDocument();
    const elsewhere = await newNegotiation(server.access, 'Another negotiation');
    const stranger = await signIn(server.access, elsewhere, 'chair', null, 'Stranger');
    expect((await api(`/api/documents/${documentId}`, stranger.token)).status).toBe(404);
    const listed = (await (await api('/api/documents', stranger.token)).json()) as { documents: unknown[] };
    expect(listed.documents).toEqual([]);
    const socket = raw(documentId, stranger.token);
    expect((await socket.closed).code).toBe(CloseCode.Forbidden);
  });

  it('a sync upgrade without a token is closed with 4401 before the document is loaded', async () => {
    const documentId = await createDocument();
    const socket = raw(documentId, null);
    expect((await socket.closed).code).toBe(CloseCode.Unauthorized);
  });
});

describe('AC2: roles at the HTTP API', () => {
  it('only the convenor and the chair create documents; only the convenor manages invitations', async () => {
    const delegate = await signIn(server.access, negotiation, 'delegate', 'CHN', 'Li Wei');
    const observer = await signIn(server.access, negotiation, 'observer', null, 'Olga');
    const body = JSON.stringify({ title: 'Draft' });
    expect((await api('/api/documents', delegate.token, { method: 'POST', body })).status).toBe(403);
    expect((await api('/api/documents', observer.token, { method: 'POST', body })).status).toBe(403);
    expect((await api('/api/documents', chair.token, { method: 'POST', body })).status).toBe(201);
    for (const token of [delegate.token, observer.token, chair.token]) {
      expect((await api('/api/invitations', token)).status).toBe(403);
    }
    expect((await api('/api/audit', delegate.token)).status).toBe(403);
    expect((await api('/api/audit', chair.token)).status).toBe(200);
  });

  it('the convenor issues a delegate invitation that opens a session stamped with that delegation', async () => {
    const convenorLink = await server.access.issueInvitation(negotiation, { role: 'convenor' }, null);
    const convenor = await server.access.openSession(convenorLink.token, 'Convenor');
    if (!convenor.ok) throw new Error('convenor session refused');
    const refused = await api('/api/invitations', convenor.session, {
      method: 'POST',
      body: JSON.stringify({ role: 'delegate' }),
    });
    expect(refused.status).toBe(400);
    const issued = await api('/api/invitations', convenor.session, {
      method: 'POST',
      body: JSON.stringify({ role: 'delegate', delegation: 'IND', label: 'India, first seat' }),
    });
    expect(issued.status).toBe(201);
    const { token, url } = (await issued.json()) as { token: string; url: string };
    expect(url).toBe(`${server.url}/join/${token}`);
    const preview = await fetch(`${server.url}/api/invitations/inspect?token=${token}`);
    expect(await preview.json()).toMatchObject({ invitation: { role: 'delegate', delegation: 'IND' } });
    const session = await api('/api/sessions', null, {
      method: 'POST',
      body: JSON.stringify({ invitation: token, name: ' Priya  Rao ' }),
    });
    expect(session.status).toBe(201);
    expect(await session.json()).toMatchObject({
      principal: { name: 'Priya Rao', role: 'delegate', delegation: 'IND' },
    });
  });
});

describe('AC8: observers never write', () => {
  it('drops observer updates in every message form, tells the observer once, and leaves the store byte-identical', async () => {
    const documentId = await createDocument();
    const delegate = await signIn(server.access, negotiation, 'delegate', 'MEX', 'Mexico');
    const observer = await signIn(server.access, negotiation, 'observer', null, 'Olga');
    const witness = client(documentId, delegate);
    await witness.synced();
    propose(witness.doc, delegate, ' agreed text');
    await waitFor('the edit to be stored', () => stored(documentId).includes('"updates":[['));
    const before = stored(documentId);
    const text = bodyOf(witness.doc);

    const spy = raw(documentId, observer.token);
    await spy.opened;
    await waitFor('the greeting', () => spy.received.length > 0);
    spy.send(encodeSyncUpdate(forgedUpdate(424242, 'observer text')));
    spy.send(encodeSyncStep2(forgedUpdate(434343, 'more observer text')));
    await delay(200);

    expect(stored(documentId)).toBe(before);
    expect(bodyOf(witness.doc)).toBe(text);
    expect(witness.doc.getText('t').length).toBe(0);
    const denials = spy.received.filter((frame) => frame[0] === MessageType.auth);
    expect(denials).toHaveLength(1);
    const decoder = decoding.createDecoder(denials[0]!);
    decoding.readVarUint(decoder);
    expect(decoding.readVarUint(decoder)).toBe(0);
    expect(decoding.readVarString(decoder)).toMatch(/^read-only/);
    // The observer still reads: the connection stays open and receives later edits.
    const seen = spy.received.length;
    propose(witness.doc, delegate, ' new');
    await waitFor('the observer to receive the edit', () => spy.received.length > seen);
  });

  it('an observer with a stock provider syncs and reads, and its local edits reach nobody', async () => {
    const documentId = await createDocument();
    const delegate = await signIn(server.access, negotiation, 'delegate', 'FRA', 'Claire');
    const observer = await signIn(server.access, negotiation, 'observer', null, 'Olga');
    const writer = client(documentId, delegate);
    await writer.synced();
    propose(writer.doc, delegate, ' hello');
    const reader = client(documentId, observer);
    await reader.synced();
    await waitFor('the observer to read', () => bodyOf(reader.doc).includes(' hello'));
    const text = bodyOf(writer.doc);
    bodyText(reader.doc).insert(0, 'forged ');
    reader.doc.getText('t').insert(0, 'forged ');
    await delay(200);
    expect(bodyOf(writer.doc)).toBe(text);
    expect(writer.doc.getText('t').length).toBe(0);
  });
});

describe('AC10: presence is the server’s', () => {
  it('stamps name, delegation and role from the token and never relays presence for another client id', async () => {
    const documentId = await createDocument();
    const russia = await signIn(server.access, negotiation, 'delegate', 'RUS', 'Anna Petrova');
    const usa = await signIn(server.access, negotiation, 'delegate', 'USA', 'John Miller');
    const watcher = client(documentId, usa);
    await watcher.synced();

    const spoofer = raw(documentId, russia.token);
    await spoofer.opened;
    const own = 777001;
    const someoneElse = watcher.doc.clientID;
    const invented = 777002;
    spoofer.send(
      encodeAwareness(
        encodeAwarenessEntries([
          {
            clientId: own,
            clock: 1,
            state: { user: { name: 'Joe Biden', delegationId: 'USA', role: 'chair' } },
          },
          { clientId: someoneElse, clock: 99, state: { user: { name: 'Hijacked', delegationId: 'USA' } } },
          { clientId: invented, clock: 1, state: { user: { name: 'Ghost', delegationId: 'CHN' } } },
        ]),
      ),
    );
    await waitFor('the stamped presence', () => watcher.provider.awareness.getStates().has(own));
    await delay(100);
    const states = watcher.provider.awareness.getStates();
    expect(states.get(own)).toMatchObject({
      user: { name: 'Anna Petrova', delegationId: 'RUS', role: 'delegate' },
    });
    expect(states.has(invented)).toBe(false);
    expect(JSON.stringify([...states.values()])).not.toMatch(/Hijacked|Ghost|Joe Biden/);
  });
});

describe('AC7: authorship is unforgeable', () => {
  it('refuses an update under a stolen client id, closes the thief, and keeps the victim’s offline edits', async () => {
    const documentId = await createDocument();
    const russia = await signIn(server.access, negotiation, 'delegate', 'RUS', 'Anna Petrova');
    const usa = await signIn(server.access, negotiation, 'delegate', 'USA', 'John Miller');
    const china = await signIn(server.access, negotiation, 'delegate', 'CHN', 'Li Wei');

    const victimDoc = new Y.Doc();
    const victim = client(documentId, russia, victimDoc);
    await victim.synced();
    propose(victimDoc, russia, ' Russian text');
    const witness = client(documentId, china);
    await waitFor('the witness to see the victim', () => bodyOf(witness.doc).includes(' Russian text'));
    const seen = bodyOf(witness.doc);

    // The victim goes offline and keeps typing under its own client id.
    victim.provider.disconnect();
    propose(victimDoc, russia, ' Offline amendment');
    const before = stored(documentId);

    // The thief forges structs under the victim's client id, continuing its clock.
    const thiefDoc = new Y.Doc();
    Y.applyUpdate(thiefDoc, Y.encodeStateAsUpdate(witness.doc));
    thiefDoc.clientID = victimDoc.clientID;
    const vector = Y.encodeStateVector(thiefDoc);
    propose(thiefDoc, usa, ' Forged by someone else');
    const forged = Y.encodeStateAsUpdate(thiefDoc, vector);
    const thief = raw(documentId, usa.token);
    await thief.opened;
    thief.send(encodeSyncUpdate(forged));
    expect((await thief.closed).code).toBe(CloseCode.ClientIdTaken);
    expect(stored(documentId)).toBe(before);
    expect(bodyOf(witness.doc)).toBe(seen);

    // The victim reconnects: its offline edit is accepted and reaches the others.
    victim.provider.connect();
    await waitFor('the offline edit to arrive', () => bodyOf(witness.doc) === bodyOf(victimDoc));
    expect(bodyOf(witness.doc)).toContain(' Russian text Offline amendment');
    expect(bodyOf(witness.doc)).not.toContain('Forged');

    const provenance = await server.access.roster.provenance(documentId as never);
    expect(provenance.some((p) => p.delegation === 'RUS' && p.clientIds.includes(victimDoc.clientID))).toBe(
      true,
    );
    expect(provenance.every((p) => p.delegation !== 'USA')).toBe(true);
    const audit = (await (await api('/api/audit', chair.token)).json()) as {
      entries: { action: string; actor: { delegation: string | null }; detail: { kind?: string } }[];
    };
    expect(
      audit.entries.some(
        (e) => e.action === 'refused' && e.actor.delegation === 'USA' && e.detail.kind === 'client-id-taken',
      ),
    ).toBe(true);
  });

  it('claims survive a restart: after it, the stolen id is still refused', async () => {
    const documentId = await createDocument();
    const russia = await signIn(server.access, negotiation, 'delegate', 'RUS', 'Anna Petrova');
    const usa = await signIn(server.access, negotiation, 'delegate', 'USA', 'John Miller');
    const victim = client(documentId, russia);
    await victim.synced();
    propose(victim.doc, russia, ' mine');
    await waitFor('stored', () => stored(documentId).includes('"updates":[['));
    const stolen = victim.doc.clientID;
    const state = Y.encodeStateAsUpdate(victim.doc);
    victim.destroy();
    await server.close();
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: dir,
      seedDemo: false,
      logger: silentLogger,
    });

    // The thief continues the victim's clock with a proposal of its own: valid in shape and rules, forged in id.
    const thief = raw(documentId, usa.token);
    await thief.opened;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    doc.clientID = stolen;
    const vector = Y.encodeStateVector(doc);
    propose(doc, usa, ' forged');
    thief.send(encodeSyncUpdate(Y.encodeStateAsUpdate(doc, vector)));
    expect((await thief.closed).code).toBe(CloseCode.ClientIdTaken);
  });
});

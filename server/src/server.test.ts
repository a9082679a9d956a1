import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloseCode, MessageType, treatyFragment, treatyTitle } from '@travaux/shared';
import Database from 'better-sqlite3';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { silentLogger } from './log.ts';
import { DATABASE_FILE, type RunningServer, startServer } from './server.ts';
import { connectClient, RawClient, type SyncClient, titleText, waitFor } from './test-support/clients.ts';
import { newNegotiation, signIn } from './test-support/roster.ts';

let dir: string;
let server: RunningServer;
let clients: SyncClient[];
let raws: RawClient[];
/** A delegate's session in the server's negotiation, used by every client of these tests. */
let token: string;

async function start(options: { maxMessageBytes?: number; unloadGraceMs?: number } = {}) {
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    seedDemo: false,
    unloadGraceMs: options.unloadGraceMs ?? 5000,
    maxMessageBytes: options.maxMessageBytes ?? 1024 * 1024,
    logger: silentLogger,
  });
  const negotiation = await newNegotiation(server.access);
  token = (await signIn(server.access, negotiation, 'chair')).token;
}

async function createDocument(title = 'Draft convention'): Promise<string> {
  const response = await fetch(`${server.url}/api/documents`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ title }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { document: { id: string } }).document.id;
}

function client(documentId: string): SyncClient {
  const created = connectClient(server.url, documentId, token);
  clients.push(created);
  return created;
}

function raw(documentId: string): RawClient {
  const created = new RawClient(server.url, documentId, token);
  raws.push(created);
  return created;
}

/** The stored state of a document, read straight from the SQLite file. */
function storedState(documentId: string): { snapshot: Buffer | null; updates: Buffer[] } {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
  try {
    const row = db.prepare('SELECT data AS snapshot FROM snapshots WHERE document_id = ?').get(documentId) as
      | { snapshot: Buffer }
      | undefined;
    const updates = db
      .prepare('SELECT data FROM updates WHERE document_id = ? ORDER BY seq')
      .all(documentId) as { data: Buffer }[];
    return { snapshot: row?.snapshot ?? null, updates: updates.map((u) => u.data) };
  } finally {
    db.close();
  }
}

/** A complete chapter or article: the element with its heading holding `heading` (SH3). */
function headed(name: 'article' | 'chapter', heading: string): Y.XmlElement {
  const element = new Y.XmlElement(name);
  const title = new Y.XmlElement(`${name}_heading`);
  title.insert(0, [new Y.XmlText(heading)]);
  element.insert(0, [title]);
  return element;
}

function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'travaux-server-'));
  clients = [];
  raws = [];
});

afterEach(async () => {
  for (const c of clients) c.destroy();
  for (const r of raws) r.destroy();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sync server', () => {
  it('two clients converge on concurrent edits of the treaty fragment and of a plain Y type', async () => {
    await start();
    const id = await createDocument();
    const a = client(id);
    const b = client(id);
    await Promise.all([a.synced(), b.synced()]);
    // Concurrent: both edit before either sees the other's change (the title's text, and new blocks at the end).
    titleText(a.doc).insert(0, 'Kenya: ');
    titleText(b.doc).insert(0, 'France: ');
    treatyFragment(a.doc).insert(treatyFragment(a.doc).length, [headed('article', 'New article')]);
    treatyFragment(b.doc).insert(treatyFragment(b.doc).length, [headed('chapter', 'New chapter')]);
    const length = 'Kenya: France: Draft convention'.length;
    const converged = () =>
      treatyTitle(a.doc).length === length &&
      treatyTitle(b.doc).length === length &&
      treatyFragment(a.doc).length === 4 &&
      treatyFragment(b.doc).length === 4;
    await waitFor('convergence', converged);
    expect(treatyTitle(a.doc)).toBe(treatyTitle(b.doc));
    expect(treatyFragment(a.doc).toString()).toBe(treatyFragment(b.doc).toString());
    expect(treatyFragment(a.doc).length).toBe(treatyFragment(b.doc).length);
  });

  it('a late joiner gets the full text, including what was typed before it came', async () => {
    await start();
    const id = await createDocument('Late joiner test');
    const early = client(id);
    await early.synced();
    for (const word of [': Article 1. ', 'The States Parties ', 'shall cooperate.']) {
      titleText(early.doc).insert(titleText(early.doc).length, word);
    }
    const text = 'Late joiner test: Article 1. The States Parties shall cooperate.';
    await waitFor('the edits to be stored', async () => {
      const response = await fetch(`${server.url}/api/documents/${id}/text`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return response.status === 200 && storedState(id).updates.length > 0;
    });
    const late = client(id);
    await late.synced();
    expect(treatyTitle(late.doc)).toBe(text);
    // The rest of the seeded treaty came along too.
    expect(treatyFragment(late.doc).toString()).toBe(treatyFragment(early.doc).toString());
  });

  it('late joiners after each edit get that edit: the whole state encoded for new clients is never stale', async () => {
    await start();
    const id = await createDocument('Cached state test');
    const writer = client(id);
    await writer.synced();
    const body = titleText(writer.doc);
    for (const word of ['one', ' two', ' three']) {
      // Two joiners in a row (the second is answered from the encoded state the first one caused), then an edit.
      for (let i = 0; i < 2; i++) {
        const late = client(id);
        await late.synced();
        expect(treatyTitle(late.doc)).toBe(body.toString());
        late.destroy();
      }
      const stored = storedState(id).updates.length;
      body.insert(body.length, word);
      await waitFor('the edit to be stored', () => storedState(id).updates.length > stored);
      const late = client(id);
      await late.synced();
      expect(treatyTitle(late.doc)).toBe(body.toString());
    }
  });

  it('/text exports live edits made through the sync endpoint', async () => {
    await start();
    const id = await createDocument('Old title');
    const editor = client(id);
    await editor.synced();
    const title = treatyFragment(editor.doc).get(0) as Y.XmlElement;
    const titleText = title.get(0) as Y.XmlText;
    titleText.delete(0, titleText.length);
    titleText.insert(0, 'New title');
    await waitFor('the export to include the edit', async () => {
      const text = await (
        await fetch(`${server.url}/api/documents/${id}/text`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).text();
      return text.startsWith('New title\n');
    });
  });

  const badFrames: [string, Uint8Array | string, number][] = [
    ['a truncated varint', new Uint8Array([0x80]), CloseCode.MalformedMessage],
    ['a malformed update', syncUpdateFrame(new Uint8Array([3, 200, 7, 1, 250])), CloseCode.MalformedMessage],
    [
      'trailing garbage',
      Uint8Array.of(...syncUpdateFrame(new Uint8Array([0, 0])), 1, 2, 3),
      CloseCode.MalformedMessage,
    ],
    ['an unknown message type', new Uint8Array([9, 0]), CloseCode.UnsupportedData],
    ['a text frame', 'hello', CloseCode.UnsupportedData],
    ['an oversized frame', new Uint8Array(8192).fill(1), CloseCode.MessageTooBig],
  ];

  it.each(badFrames)(
    '%s closes only that connection with its named code; the others keep syncing',
    async (_name, frame, code) => {
      await start({ maxMessageBytes: 4096 });
      const id = await createDocument();
      const a = client(id);
      const b = client(id);
      await Promise.all([a.synced(), b.synced()]);
      titleText(a.doc).insert(0, 'before');
      await waitFor('b to see the first edit', () => treatyTitle(b.doc) === 'beforeDraft convention');
      await waitFor('the edit to be stored', () => storedState(id).updates.length > 0);
      const stored = storedState(id);

      const bad = raw(id);
      await bad.opened;
      bad.send(frame);
      const outcome = await bad.closed;
      expect(outcome.code).toBe(code);
      expect(outcome.reason.length).toBeGreaterThan(0);

      // Nothing from the bad frame was stored, and the well-behaved clients carry on.
      expect(storedState(id)).toEqual(stored);
      titleText(b.doc).insert(6, ' and after: ');
      await waitFor(
        'a to see the later edit',
        () => treatyTitle(a.doc) === 'before and after: Draft convention',
      );
      expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    },
  );

  it('an oversized frame closes with 1009 and the reason "message too big"', async () => {
    await start({ maxMessageBytes: 4096 });
    const id = await createDocument();
    const bad = raw(id);
    await bad.opened;
    bad.send(new Uint8Array(5000));
    expect(await bad.closed).toEqual({ code: CloseCode.MessageTooBig, reason: 'message too big' });
  });

  it('ID4: an unknown document is refused with 404 before the upgrade; a provider never syncs', async () => {
    await start();
    const bad = raw('no-such-document');
    await expect(bad.opened).rejects.toThrow('upgrade refused with 404');
    expect(bad.refused?.status).toBe(404);
    const provider = client('no-such-document');
    const statuses: string[] = [];
    provider.provider.on('status', ({ status }) => statuses.push(status));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(provider.provider.synced).toBe(false);
    expect(statuses).not.toContain('connected');
  });

  it('a document unloaded after the grace period and reloaded is identical', async () => {
    await start({ unloadGraceMs: 50 });
    const id = await createDocument('Unload test');
    const writer = client(id);
    await writer.synced();
    titleText(writer.doc).insert(0, 'Article 4. Scope: ');
    titleText(writer.doc).delete(0, 11);
    treatyFragment(writer.doc).insert(treatyFragment(writer.doc).length, [headed('article', 'Scope')]);
    await waitFor('the edits to be stored', () => storedState(id).updates.length > 0);
    const before = Y.encodeStateAsUpdate(writer.doc);
    writer.destroy();
    // Unloaded = compacted: the snapshot holds everything and the log is empty.
    await waitFor('the unload', () => storedState(id).updates.length === 0);
    const reader = client(id);
    await reader.synced();
    expect(Y.encodeStateAsUpdate(reader.doc)).toEqual(before);
    expect(treatyTitle(reader.doc)).toBe('Scope: Unload test');
  });

  it('copies the treaty title into the catalog when the document unloads', async () => {
    await start({ unloadGraceMs: 30 });
    const id = await createDocument('First title');
    const editor = client(id);
    await editor.synced();
    const titleText = (treatyFragment(editor.doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    titleText.insert(titleText.length, ', revised');
    await waitFor('the edit to be stored', () => storedState(id).updates.length > 0);
    editor.destroy();
    await waitFor('the catalog title', async () => {
      const response = await fetch(`${server.url}/api/documents/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return (
        ((await response.json()) as { document: { title: string } }).document.title === 'First title, revised'
      );
    });
  });

  it('close() closes open sockets with 1001 and keeps every stored edit', async () => {
    await start();
    const id = await createDocument();
    const a = client(id);
    await a.synced();
    const closes: number[] = [];
    a.provider.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });
    titleText(a.doc).insert(0, 'kept across close: ');
    await waitFor('the edit to be stored', () => storedState(id).updates.length > 0);
    await server.close();
    await waitFor('the close event', () => closes.length > 0);
    expect(closes[0]).toBe(CloseCode.GoingAway);
    const stored = storedState(id);
    const doc = new Y.Doc();
    for (const update of [stored.snapshot, ...stored.updates]) if (update) Y.applyUpdate(doc, update);
    expect(treatyTitle(doc)).toBe('kept across close: Draft convention');
  });
});

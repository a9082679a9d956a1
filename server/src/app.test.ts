import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CONVENTION_TEXT, parseTreatyText, serializeTreatyText } from '@travaux/shared';
import Database from 'better-sqlite3';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccessControl } from './auth/access.ts';
import { type Composition, compose } from './compose.ts';
import { silentLogger } from './log.ts';
import { SqliteRevisionStore } from './persistence/revision-store.ts';
import { SqliteRosterStore } from './persistence/sqlite-roster-store.ts';
import { SqliteDocumentStore } from './persistence/sqlite-store.ts';
import { newNegotiation, signIn, withToken } from './test-support/roster.ts';

const SMALL_TREATY = [
  'Draft convention on testing',
  '',
  'Article 1',
  'Purpose',
  'This Convention is a test.',
  '',
].join('\n');

let dir: string;
let composition: Composition;
let db: Database.Database;
let access: AccessControl;
/** The chair's session: these tests exercise the documents API as a chair, who may create documents. */
let chairToken: string;

/** The app, with every request made as the chair (tests of refusals call `composition.app` directly). */
function setup(clientDir = join(dir, 'no-client'), maxDocumentBodyBytes = 64 * 1024): Pick<Hono, 'request'> {
  composition = compose(
    {
      maxMessageBytes: 64 * 1024,
      maxDocumentBodyBytes,
      unloadGraceMs: 50,
      compactEvery: 100,
      clientDir,
      adminToken: null,
      maxBufferedBytes: 1 << 24,
    },
    new SqliteDocumentStore(db),
    access,
    silentLogger,
    new SqliteRevisionStore(db),
  );
  return {
    request: (input: string | Request | URL, init?: RequestInit) =>
      composition.app.request(input as string, withToken(chairToken, init)),
  } as Pick<Hono, 'request'>;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'travaux-app-'));
  db = new Database(':memory:');
  access = new AccessControl(new SqliteRosterStore(db), 'a'.repeat(64), () => 'http://travaux.test');
  const negotiation = await newNegotiation(access);
  chairToken = (await signIn(access, negotiation, 'chair')).token;
});

afterEach(async () => {
  await composition.rooms.closeAll();
  await composition.store.close();
  rmSync(dir, { recursive: true, force: true });
});

function post(body: unknown, headers: Record<string, string> = {}) {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

describe('HTTP API', () => {
  it('GET /health answers ok', async () => {
    const response = await setup().request('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('ST1: creates a document from a title, lists it, reads it and exports its text', async () => {
    const app = setup();
    expect(await (await app.request('/api/documents')).json()).toEqual({ documents: [] });
    const created = await app.request('/api/documents', post({ title: '  Draft protocol  ' }));
    expect(created.status).toBe(201);
    const { document } = (await created.json()) as { document: Record<string, string> };
    expect(document).toMatchObject({ title: 'Draft protocol' });
    expect(document.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(document.updatedAt).toBe(document.createdAt);

    expect(await (await app.request('/api/documents')).json()).toEqual({ documents: [document] });
    expect(await (await app.request(`/api/documents/${document.id}`)).json()).toEqual({ document });
    const text = await app.request(`/api/documents/${document.id}/text`);
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect((await text.text()).split('\n')[0]).toBe('Draft protocol');
  });

  it('TX10: creates a document from the plain-text format and exports it canonically', async () => {
    const app = setup();
    const response = await app.request('/api/documents', post({ text: SMALL_TREATY }));
    expect(response.status).toBe(201);
    const { document } = (await response.json()) as { document: { id: string; title: string } };
    expect(document.title).toBe('Draft convention on testing');
    const parsed = parseTreatyText(SMALL_TREATY);
    if (!parsed.ok) throw new Error('SMALL_TREATY must parse');
    const exported = await (await app.request(`/api/documents/${document.id}/text`)).text();
    expect(exported).toBe(serializeTreatyText(parsed.doc));
  });

  it('lets the title replace the title line of the text', async () => {
    const app = setup(join(dir, 'x'), 1024 * 1024);
    const response = await app.request(
      '/api/documents',
      post({ text: DEMO_CONVENTION_TEXT, title: 'Rev.1' }),
    );
    const { document } = (await response.json()) as { document: { id: string; title: string } };
    expect(document.title).toBe('Rev.1');
    const exported = await (await app.request(`/api/documents/${document.id}/text`)).text();
    const [first, ...rest] = exported.split('\n');
    expect(first).toBe('Rev.1');
    expect(rest.join('\n')).toBe(DEMO_CONVENTION_TEXT.split('\n').slice(1).join('\n'));
  });

  it('TX11: refuses a malformed text with 400 invalid_treaty_text, one sentence, the rule, line and column, and creates nothing', async () => {
    const app = setup();
    const text = 'Draft convention\n\nArticle 2\nPurpose\nText.\n';
    const expected = parseTreatyText(text);
    if (expected.ok) throw new Error('the test text must be malformed');
    const response = await app.request('/api/documents', post({ text }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_treaty_text',
      message: 'Expected Article 1, found Article 2.',
      rule: 'TX11',
      line: expected.error.line,
      column: expected.error.column,
    });
    expect(expected.error.line).toBe(3);
    expect(expected.error.column).toBe(9);
    expect(await (await app.request('/api/documents')).json()).toEqual({ documents: [] });
  });

  it('TX11: a rule cited by a refusal is in its own field, not in the message', async () => {
    const app = setup();
    const text = 'Draft convention\n\nArticle 1\nPurpose\n1. a\n2 alt. b\n';
    const response = await app.request('/api/documents', post({ text }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.rule).toBe('TX15');
    expect(body.message).not.toMatch(/TX\d|line \d/i);
    expect(body.line).toBe(6);
  });

  it.each([
    ['malformed JSON', '{"title": '],
    ['a JSON array', [1, 2]],
    ['a JSON string', '"title"'],
    ['neither title nor text', {}],
    ['a blank title only', { title: '   ' }],
    ['a title that is not a string', { title: 42 }],
    ['a text that is not a string', { text: ['Article 1'] }],
    ['a title over two lines', { title: 'Draft\nconvention' }],
    ['a title that is too long', { title: 'x'.repeat(501) }],
    ['TX1: a title that reads as an article line', { title: 'Article 1' }],
    ['TX1: a title that reads as the preamble line', { title: 'Preamble', text: 'Draft\n' }],
  ])('refuses %s with 400 invalid_request', async (_name, body) => {
    const response = await setup().request('/api/documents', post(body));
    expect(response.status).toBe(400);
    const json = (await response.json()) as { error: string; message: string };
    expect(json.error).toBe('invalid_request');
    expect(json.message.length).toBeGreaterThan(0);
  });

  it('GD1: refuses a document body over its limit with 413 JSON naming the limit', async () => {
    const app = setup(join(dir, 'x'), 2048);
    const response = await app.request('/api/documents', post({ text: 'x'.repeat(4096) }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: 'payload_too_large',
      message: 'the request body exceeds the limit of 2048 bytes',
      limit: 2048,
    });
  });

  it('ID4: answers 404 document_not_found for unknown and invalid ids', async () => {
    const app = setup();
    for (const path of [
      '/api/documents/nosuchdocument',
      '/api/documents/bad%20id!',
      '/api/documents/x/text',
    ]) {
      const response = await app.request(path);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: string }).error).toBe('document_not_found');
    }
  });

  it('answers JSON 404 for unknown API routes', async () => {
    const response = await setup().request('/api/nothing-here');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: 'not_found',
      message: 'no route for GET /api/nothing-here',
    });
  });

  it('ID4: refuses the sync upgrade of an unknown document with 404 JSON, and a plain GET with 426', async () => {
    const app = setup();
    const upgrade = {
      headers: { Upgrade: 'websocket', Connection: 'Upgrade', 'Sec-WebSocket-Version': '13' },
    };
    const unknown = await app.request('/sync/nosuchdocument', upgrade);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toBe('document_not_found');
    const created = await app.request('/api/documents', post({ title: 'T' }));
    const { document } = (await created.json()) as { document: { id: string } };
    const plain = await app.request(`/sync/${document.id}`);
    expect(plain.status).toBe(426);
    expect(((await plain.json()) as { error: string }).error).toBe('upgrade_required');
  });

  it('serves the built client with an SPA fallback, but never for /api', async () => {
    const clientDir = join(dir, 'dist');
    mkdirSync(join(clientDir, 'assets'), { recursive: true });
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Travaux</title>');
    writeFileSync(join(clientDir, 'assets', 'app.js'), 'console.log(1)');
    const app = setup(clientDir);
    const asset = await app.request('/assets/app.js');
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe('console.log(1)');
    const route = await app.request('/d/some-document');
    expect(route.status).toBe(200);
    expect(await route.text()).toBe('<!doctype html><title>Travaux</title>');
    expect((await app.request('/api/unknown')).status).toBe(404);
  });

  it('answers 503 with build instructions when the client is not built', async () => {
    const response = await setup(join(dir, 'missing')).request('/');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm start');
  });
});

import { rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { CloseCode } from '@travaux/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeAwareness as encodeAwarenessEntries } from './rooms/guard.ts';
import { encodeAwareness } from './rooms/messages.ts';
import type { RunningServer } from './server.ts';
import { connectClient, RawClient, type SyncClient, waitFor } from './test-support/clients.ts';
import { startHarness } from './test-support/harness.ts';
import { signIn, type TestSession } from './test-support/roster.ts';

// The guard around the text (issue 16, SPEC GD rules) against the real server: HTTP body limits, security
// headers, the session only in the Authorization header, and the presence bound.

const KIB = 1024;
const MIB = 1024 * KIB;

let dir: string;
let server: RunningServer;
let negotiation: string;
let chair: TestSession;
let sockets: { destroy(): void }[];

beforeEach(async () => {
  ({ dir, server, negotiation, chair } = await startHarness('guard'));
  sockets = [];
});

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function createDocument(): Promise<string> {
  const response = await fetch(`${server.url}/api/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${chair.token}` },
    body: JSON.stringify({ title: 'Draft' }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { document: { id: string } }).document.id;
}

interface StreamedOutcome {
  readonly status: number;
  readonly body: string;
  /** Bytes the client had handed to the socket when the answer came. */
  readonly sentBeforeAnswer: number;
}

/**
 * POSTs `total` bytes to `path` in 256 KiB chunks, as a stream (chunked, no Content-Length, unless `declare`),
 * never holding more than one chunk; stops sending once the server answered or closed.
 */
function streamBody(path: string, total: number, declare = false): Promise<StreamedOutcome> {
  const chunk = Buffer.alloc(256 * KIB, 0x61);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const url = new URL(path, server.url);
    const req = httpRequest(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(declare ? { 'content-length': String(total) } : {}),
      },
    });
    req.on('response', (response) => {
      answered = true;
      const sentBeforeAnswer = sent;
      let body = '';
      response.on('data', (data: Buffer) => {
        body += data.toString('utf8');
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, sentBeforeAnswer }));
      response.on('error', reject);
    });
    // The server closes the connection after its 413: writes after that fail, which is the point.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe('GD1: every HTTP body has a limit', () => {
  it('GD1: refuses a declared body over the JSON limit on the public POST /api/sessions with 413 JSON', async () => {
    const big = JSON.stringify({ invitation: 'x', name: 'y'.repeat(80 * KIB) });
    const response = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: 'payload_too_large',
      message: `the request body exceeds the limit of ${64 * KIB} bytes`,
      limit: 64 * KIB,
    });
  });

  it('GD1: refuses a chunked body without Content-Length once it passes the limit, without reading the rest', async () => {
    const outcome = await streamBody('/api/sessions', 20 * MIB);
    expect(outcome.status).toBe(413);
    expect(JSON.parse(outcome.body)).toMatchObject({ error: 'payload_too_large', limit: 64 * KIB });
    // The answer came long before the 20 MiB were sent (socket buffers hold a few MiB at most).
    expect(outcome.sentBeforeAnswer).toBeLessThan(10 * MIB);
  });

  it('GD1: applies the JSON limit to invitations and revisions, behind authentication, and its own to documents', async () => {
    const convenor = await signIn(server.access, negotiation, 'convenor');
    const documentId = await createDocument();
    const padded = 'z'.repeat(70 * KIB);
    for (const [path, token] of [
      ['/api/invitations', convenor.token],
      [`/api/documents/${documentId}/revisions`, chair.token],
    ] as const) {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ role: 'observer', symbol: 'A/1', label: padded }),
      });
      expect(response.status, path).toBe(413);
    }
    // A document from text takes more than the JSON limit (TRAVAUX_MAX_DOCUMENT_BODY_BYTES).
    const text = `Long treaty\n\nArticle 1\nHeading\n${'word '.repeat(30 * KIB)}\n`;
    const created = await fetch(`${server.url}/api/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${chair.token}` },
      body: JSON.stringify({ text }),
    });
    expect(created.status).toBe(201);
  });

  it('GD1: six concurrent 50 MB requests to POST /api/sessions do not grow the server by anything like their size', async () => {
    // The server runs in this process: what it buffered would show in this process's memory.
    global.gc?.();
    const before = process.memoryUsage();
    const outcomes = await Promise.all([
      ...Array.from({ length: 3 }, () => streamBody('/api/sessions', 50 * 1000 * 1000)),
      ...Array.from({ length: 3 }, () => streamBody('/api/sessions', 50 * 1000 * 1000, true)),
    ]);
    const after = process.memoryUsage();
    for (const outcome of outcomes) expect(outcome.status).toBe(413);
    // Before the limit, six such bodies grew the server by 433 MiB; buffering even one would be 50 MB.
    expect(after.rss - before.rss).toBeLessThan(40 * MIB);
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(40 * MIB);
  });
});

describe('GD2: security headers on every response', () => {
  it('GD2: sends the CSP, nosniff, no-referrer and frame denial on API answers, errors and the client', async () => {
    const documentId = await createDocument();
    const responses = [
      await fetch(`${server.url}/health`),
      await fetch(`${server.url}/api/documents/${documentId}`, {
        headers: { authorization: `Bearer ${chair.token}` },
      }),
      await fetch(`${server.url}/api/documents`),
      await fetch(`${server.url}/api/nowhere`, { headers: { authorization: `Bearer ${chair.token}` } }),
      await fetch(`${server.url}/d/${documentId}`),
      await fetch(`${server.url}/api/sessions`, { method: 'POST', body: 'x'.repeat(100 * KIB) }),
    ];
    // The client page: served, or the 503 "not built" page when the build is missing.
    expect(responses.map((r) => r.status)).toEqual([200, 200, 401, 404, expect.any(Number), 413]);
    expect([200, 503]).toContain(responses[4]?.status);
    for (const response of responses) {
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});

describe('GD3: the HTTP API reads the session only from the Authorization header', () => {
  it('GD3: refuses a session token in ?token= with 401 saying where it belongs', async () => {
    const response = await fetch(`${server.url}/api/session?token=${encodeURIComponent(chair.token)}`);
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: string; reason: string; message: string };
    expect(body).toMatchObject({ error: 'unauthorized', reason: 'missing' });
    expect(body.message).toContain('Authorization');
    const header = await fetch(`${server.url}/api/session`, {
      headers: { authorization: `Bearer ${chair.token}` },
    });
    expect(header.status).toBe(200);
  });
});

describe('GD4: a presence state is bounded', () => {
  it('GD4: an oversized presence state reaches nobody and closes its connection with 4413', async () => {
    const documentId = await createDocument();
    const observer = await signIn(server.access, negotiation, 'observer', null, 'Watcher');
    const watcher: SyncClient = connectClient(server.url, documentId, chair.token);
    sockets.push(watcher);
    await watcher.synced();

    const flooder = new RawClient(server.url, documentId, observer.token);
    sockets.push(flooder);
    await flooder.opened;
    const clientId = 881001;
    flooder.send(
      encodeAwareness(
        encodeAwarenessEntries([{ clientId, clock: 1, state: { cursor: null, junk: 'j'.repeat(20 * KIB) } }]),
      ),
    );
    const closed = await flooder.closed;
    expect(closed.code).toBe(CloseCode.PresenceTooLarge);
    expect(closed.reason).toMatch(/exceeds the limit of 8192/);

    // A small presence from another observer still goes through, and the flood never did.
    const honest = new RawClient(server.url, documentId, observer.token);
    sockets.push(honest);
    await honest.opened;
    honest.send(
      encodeAwareness(encodeAwarenessEntries([{ clientId: 881002, clock: 1, state: { cursor: null } }])),
    );
    await waitFor('the honest presence', () => watcher.provider.awareness.getStates().has(881002));
    expect(watcher.provider.awareness.getStates().has(clientId)).toBe(false);
    expect(JSON.stringify([...watcher.provider.awareness.getStates().values()])).not.toContain('jjjj');
  });
});

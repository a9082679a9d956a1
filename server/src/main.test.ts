import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { treatyTitle } from '@travaux/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { productionBundle, removeProductionBundle } from './test-support/bundle.ts';
import { connectClient, editsIn, type SyncClient, titleText, waitFor } from './test-support/clients.ts';

const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const LISTENING = /^Travaux listening on (http:\/\/\S+)$/m;

interface Child {
  readonly process: ChildProcess;
  readonly url: string;
  output(): string;
  /** Resolves with the exit code (or the signal name). */
  readonly exited: Promise<number | string>;
}

let dir: string;
let children: ChildProcess[];
let clients: SyncClient[];
/** A chair's session on the child server (tokens survive restarts: the secret is in the data directory). */
let token: string;
const ADMIN_TOKEN = 'test-admin-token-0123456789';
/** The server as deployed: the bundle `npm start` runs. */
let bundle: string;

beforeAll(async () => {
  bundle = await productionBundle();
});
afterAll(removeProductionBundle);

/**
 * Starts the production bundle as `npm start` does, through bin/serve.sh, which `exec`s node: the child is the
 * server itself (no wrapper process that would orphan it when killed).
 */
function spawnServer(env: Record<string, string> = {}): {
  process: ChildProcess;
  exited: Promise<number | string>;
  output: () => string;
} {
  const child = spawn('sh', [join(SERVER_DIR, 'bin/serve.sh'), '--enable-source-maps', bundle], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      TRAVAUX_DATA_DIR: dir,
      TRAVAUX_SEED_DEMO: 'false',
      TRAVAUX_UNLOAD_GRACE_MS: '60000',
      TRAVAUX_ADMIN_TOKEN: ADMIN_TOKEN,
      NO_COLOR: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<number | string>((resolve) => {
    // 'close', not 'exit': the output is complete then (a process that fails at once may exit before it is read).
    child.once('close', (code, signal) => resolve(code ?? signal ?? -1));
  });
  return { process: child, exited, output: () => output };
}

async function startChild(env: Record<string, string> = {}): Promise<Child> {
  const child = spawnServer(env);
  await waitFor(
    'the listening line',
    () => LISTENING.test(child.output()) || child.process.exitCode !== null,
    15_000,
  );
  const match = LISTENING.exec(child.output());
  if (!match?.[1]) throw new Error(`server did not start:\n${child.output()}`);
  return { ...child, url: match[1] };
}

async function post(url: string, body: unknown, bearer: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Record<string, unknown>;
}

/** Signs a chair in over the HTTP API: admin creates a negotiation, its convenor invites a chair. */
async function signInChair(url: string): Promise<string> {
  const created = await post(`${url}/api/negotiations`, { title: 'Crash tests' }, ADMIN_TOKEN);
  const convenorLink = (created.convenorInvitation as { token: string }).token;
  const convenor = (await post(`${url}/api/sessions`, { invitation: convenorLink, name: 'Convenor' }, ''))
    .session as string;
  const chairLink = (await post(`${url}/api/invitations`, { role: 'chair' }, convenor)).token as string;
  return (await post(`${url}/api/sessions`, { invitation: chairLink, name: 'Chair' }, '')).session as string;
}

function client(url: string, documentId: string): SyncClient {
  const created = connectClient(url, documentId, token);
  clients.push(created);
  return created;
}

async function createDocument(url: string): Promise<string> {
  token = await signInChair(url);
  const response = await fetch(`${url}/api/documents`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ title: 'Crash test' }),
  });
  return ((await response.json()) as { document: { id: string } }).document.id;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'travaux-main-'));
  children = [];
  clients = [];
});

afterEach(() => {
  for (const c of clients) c.destroy();
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('main', () => {
  it('prints one listening line with the real port when PORT=0', async () => {
    const child = await startChild();
    expect(child.output().match(/Travaux listening on/g)).toHaveLength(1);
    expect(child.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(child.url.endsWith(':0')).toBe(false);
    expect((await fetch(`${child.url}/health`)).status).toBe(200);
    child.process.kill('SIGKILL');
  });

  it('kill -9 mid-stream loses no update that another client had received', async () => {
    let child = await startChild();
    const id = await createDocument(child.url);
    for (let round = 0; round < 3; round++) {
      const writer = client(child.url, id);
      const witness = client(child.url, id);
      await Promise.all([writer.synced(), witness.synced()]);
      let streaming = true;
      let n = 0;
      const stream = (async () => {
        while (streaming) {
          titleText(writer.doc).insert(0, `r${round}-${n++};`);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      })();
      await waitFor('the witness to receive edits', () => editsIn(witness.doc).length > 20 * (round + 1));
      child.process.kill('SIGKILL');
      await child.exited;
      streaming = false;
      await stream;
      // Everything the witness received was broadcast, so it must have been committed first.
      const received = editsIn(witness.doc);
      writer.destroy();
      witness.destroy();

      child = await startChild();
      const fresh = client(child.url, id);
      await fresh.synced();
      const recovered = new Set(editsIn(fresh.doc));
      const missing = received.filter((edit) => !recovered.has(edit));
      expect(missing).toEqual([]);
      fresh.destroy();
    }
    child.process.kill('SIGKILL');
  });

  it('SIGTERM flushes and exits 0', async () => {
    const child = await startChild();
    const id = await createDocument(child.url);
    const writer = client(child.url, id);
    await writer.synced();
    const witness = client(child.url, id);
    await witness.synced();
    // The chair's edit of the title (a treaty's shape, SH rules: the server refuses generic Yjs types).
    titleText(writer.doc).insert(0, 'saved before SIGTERM ');
    // Once another client has it, the server has committed it (commit before broadcast).
    await waitFor('the witness to receive the edit', () => treatyTitle(witness.doc).startsWith('saved'));
    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    expect(child.output()).toContain('SIGTERM');
    writer.destroy();
    witness.destroy();

    const again = await startChild();
    const reader = client(again.url, id);
    await reader.synced();
    expect(treatyTitle(reader.doc)).toMatch(/^saved before SIGTERM /);
    again.process.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });

  it('runs on jemalloc when the system has it, on malloc with one arena when TRAVAUX_JEMALLOC=off', async () => {
    const mapped = (pid: number | undefined) =>
      readFileSync(`/proc/${pid}/maps`, 'utf8').includes('libjemalloc');
    // The allocator line follows the listening line, possibly in a later chunk of the child's output.
    const allocatorLine = async (started: { output(): string }) => {
      const deadline = Date.now() + 10_000;
      while (!started.output().includes('Memory allocator:') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return started.output();
    };
    const child = await startChild();
    expect(
      await allocatorLine(child),
      'bin/serve.sh found no jemalloc: run bash server/scripts/ensure-jemalloc.sh (npm test does)',
    ).toMatch(/^Memory allocator: jemalloc \(\/\S+\/libjemalloc\.so\.2\)$/m);
    expect(mapped(child.process.pid)).toBe(true);
    child.process.kill('SIGKILL');
    await child.exited;

    const plain = await startChild({ TRAVAUX_JEMALLOC: 'off', MALLOC_ARENA_MAX: '' });
    expect(await allocatorLine(plain)).toMatch(/^Memory allocator: system malloc \(MALLOC_ARENA_MAX=1\)$/m);
    expect(mapped(plain.process.pid)).toBe(false);
    expect((await fetch(`${plain.url}/health`)).status).toBe(200);
    plain.process.kill('SIGKILL');
  });

  it('refuses a TRAVAUX_JEMALLOC that names no library, before starting', async () => {
    const child = spawnServer({ TRAVAUX_JEMALLOC: join(dir, 'missing.so') });
    expect(await child.exited).toBe(1);
    expect(child.output()).toContain('Invalid configuration: TRAVAUX_JEMALLOC');
    expect(child.output()).not.toContain('Travaux listening');
  });

  it('refuses an invalid setting at startup, naming the variable', async () => {
    const child = spawnServer({ TRAVAUX_COMPACT_EVERY: 'often' });
    expect(await child.exited).toBe(1);
    expect(child.output()).toContain('TRAVAUX_COMPACT_EVERY');
  });
});

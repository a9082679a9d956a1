import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { BUNDLE, bundleServer } from '../../build/bundle.ts';
import { allocatorOf } from '../../src/allocator.ts';

/** The servers compared: Travaux (auth, validation, durable commits on), the two references, the relay floor. */
export type ServerKind = 'travaux' | 'travaux-base' | 'y-websocket-server' | 'hocuspocus' | 'ws-relay';
/**
 * `travaux-base` is another checkout of the server (`TRAVAUX_BENCH_BASE_DIR`, a directory holding its `src/`),
 * for a before/after comparison in the same run. Both run as `npm start` runs the server: bundled.
 */
const BASE_DIR = process.env.TRAVAUX_BENCH_BASE_DIR;
export const SERVER_KINDS: readonly ServerKind[] = [
  ...(BASE_DIR ? (['travaux-base'] as const) : []),
  'travaux',
  'y-websocket-server',
  'hocuspocus',
  'ws-relay',
];

/** A connected client of any server, reduced to what the scenarios need. */
export interface BenchClient {
  readonly doc: Y.Doc;
  /** The copy of yjs `doc` comes from (hocuspocus's provider brings its own), to create types inside it. */
  readonly Y: typeof Y;
  synced(): Promise<void>;
  destroy(): void;
}

/** Who a delegate client writes as (its records name it). */
export interface BenchPerson {
  readonly personId: string;
  readonly name: string;
  readonly delegation: string;
}

/** A running server process. */
export interface BenchServer {
  readonly kind: ServerKind;
  /** CPU time the process used so far, in milliseconds. */
  cpuMs(): number;
  /** Resident set size now, in bytes. */
  rssBytes(): number;
  /** Runs a full garbage collection in the server process, then waits a moment for it to finish. */
  collectGarbage(): Promise<void>;
  /** V8 heap in use after the last `collectGarbage`, in bytes (NaN before the first). */
  heapUsedBytes(): number;
  /** `process.memoryUsage()` of the server after the last `collectGarbage` (empty before the first). */
  memory(): Partial<NodeJS.MemoryUsage>;
  /** The malloc the server process runs on (`describeAllocator`). */
  allocator(): string;
  /**
   * A new document name (Travaux creates it through the API first, from the plain-text treaty `text` when
   * given; the other servers start every document empty).
   */
  newDocument(text?: string): Promise<string>;
  connect(document: string): BenchClient;
  /**
   * A client writing as a delegate of `delegation` and who that is (Travaux: its own session, so every edit goes
   * through the proposal rules; the other servers know no people, and this is `connect`).
   */
  connectDelegate(
    document: string,
    delegation: string,
  ): Promise<{ client: BenchClient; person: BenchPerson }>;
  stop(): Promise<void>;
}

const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ADMIN = 'bench-admin-token-0123456789';
const TICKS_PER_SECOND = 100;
/** Node flags for every server process: a GC on SIGUSR2 (see gc-on-signal.mjs), for valid RSS readings. */
const GC_FLAGS = [
  '--expose-gc',
  '--import',
  pathToFileURL(join(SERVER_DIR, 'bench/sync/gc-on-signal.mjs')).href,
  // `TRAVAUX_BENCH_SERVER_PROFILE=<dir>`: each server process writes a CPU profile there when it stops.
  ...(process.env.TRAVAUX_BENCH_SERVER_PROFILE
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.TRAVAUX_BENCH_SERVER_PROFILE]
    : []),
];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function procCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat (11 and 12 after the command name).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

function procRss(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/\d+/)?.[0] ?? 0) * 1024;
}

async function launch(
  command: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<ChildProcess> {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/listening|running at/i.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

function gcOf(child: ChildProcess): () => Promise<void> {
  return async () => {
    child.kill('SIGUSR2');
    await new Promise((resolve) => setTimeout(resolve, 800));
  };
}

function memoryOf(child: ChildProcess): () => Partial<NodeJS.MemoryUsage> {
  return () => {
    try {
      return JSON.parse(
        readFileSync(join(tmpdir(), `travaux-bench-mem-${child.pid}.json`), 'utf8'),
      ) as NodeJS.MemoryUsage;
    } catch {
      return {};
    }
  };
}

/** What every server process gives the scenarios, read from /proc and from the GC preload's dump. */
function processReaders(child: ChildProcess) {
  const memory = memoryOf(child);
  return {
    cpuMs: () => procCpuMs(child.pid!),
    rssBytes: () => procRss(child.pid!),
    allocator: () => allocatorOf(child.pid!),
    collectGarbage: gcOf(child),
    memory,
    heapUsedBytes: () => memory().heapUsed ?? Number.NaN,
  };
}

function stopper(child: ChildProcess, cleanup?: () => void) {
  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // A profiled process writes its profile on a clean exit (Travaux exits so on SIGTERM).
      if (process.env.TRAVAUX_BENCH_SERVER_PROFILE) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      }
      child.kill('SIGKILL');
      await exited;
    }
    cleanup?.();
  };
}

/**
 * A client of the relay: its Y.Doc's updates go out as bare frames and every frame that comes in is applied.
 * No sync handshake and no presence: through a relay that forwards everything to everyone, y-websocket's
 * providers answer each other's handshakes (n² step-2 frames for n clients in one path, and again on every
 * reconnect), which measures a storm, not the floor of forwarding edits.
 */
function relayClient(url: string, room: string): BenchClient {
  const doc = new Y.Doc();
  const socket = new WebSocket(`${url}/${room}`);
  socket.binaryType = 'arraybuffer';
  const opened = new Promise<void>((resolve) => socket.once('open', () => resolve()));
  socket.on('message', (data) => Y.applyUpdate(doc, new Uint8Array(data as ArrayBuffer), socket));
  socket.on('error', () => {});
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== socket && socket.readyState === WebSocket.OPEN) socket.send(update);
  });
  return {
    doc,
    Y,
    synced: () => opened,
    destroy: () => {
      socket.close();
      doc.destroy();
    },
  };
}

function yWebsocketClient(url: string, room: string, params: Record<string, string> = {}): BenchClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, room, doc, {
    disableBc: true,
    params,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  return {
    doc,
    Y,
    synced: () =>
      new Promise<void>((resolve) => {
        if (provider.synced) resolve();
        else provider.once('sync', () => resolve());
      }),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

const bundles = new Map<ServerKind, Promise<string>>();

/** The server bundle of `kind`, built once per benchmark run (from `TRAVAUX_BENCH_BASE_DIR` for the base). */
function bundleOf(kind: 'travaux' | 'travaux-base'): Promise<string> {
  let bundle = bundles.get(kind);
  if (!bundle) {
    bundle =
      kind === 'travaux-base' && BASE_DIR
        ? bundleServer(join(BUNDLE, '..', 'main-bench-base.js'), resolvePath(SERVER_DIR, BASE_DIR, 'src'))
        : bundleServer(join(BUNDLE, '..', 'main-bench.js'));
    bundles.set(kind, bundle);
  }
  return bundle;
}

/** Starts a server of `kind` on a free loopback port. */
export async function startBenchServer(kind: ServerKind, refsDir: string): Promise<BenchServer> {
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}`;
  let counter = 0;
  if (kind === 'travaux' || kind === 'travaux-base') {
    const dataDir = mkdtempSync(join(tmpdir(), 'travaux-bench-'));
    const bundle = await bundleOf(kind);
    // Through the launcher `npm start` uses (bin/serve.sh: its allocator and malloc settings), so that Travaux
    // is measured as it is deployed.
    const child = await launch(
      'sh',
      [join(SERVER_DIR, 'bin/serve.sh'), ...GC_FLAGS, '--enable-source-maps', bundle],
      {
        PORT: String(port),
        HOST: '127.0.0.1',
        TRAVAUX_DATA_DIR: dataDir,
        TRAVAUX_SEED_DEMO: 'false',
        TRAVAUX_ADMIN_TOKEN: ADMIN,
        TRAVAUX_MAX_MESSAGE_BYTES: String(64 * 1024 * 1024),
        // Short, so that the cold-load scenario can measure a room loaded again from SQLite.
        TRAVAUX_UNLOAD_GRACE_MS: '500',
      },
      SERVER_DIR,
    );
    const http = `http://127.0.0.1:${port}`;
    const post = async (path: string, body: unknown, bearer: string) => {
      const response = await fetch(`${http}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify(body),
      });
      if (response.status !== 201) throw new Error(`${path}: ${response.status}`);
      return (await response.json()) as Record<string, unknown>;
    };
    const created = await post('/api/negotiations', { title: 'Benchmark' }, ADMIN);
    const convenor = (
      await post(
        '/api/sessions',
        { invitation: (created.convenorInvitation as { token: string }).token, name: 'C' },
        '',
      )
    ).session as string;
    const chairLink = (await post('/api/invitations', { role: 'chair' }, convenor)).token as string;
    const token = (await post('/api/sessions', { invitation: chairLink, name: 'Bench' }, ''))
      .session as string;
    return {
      kind,
      ...processReaders(child),
      newDocument: async (text) =>
        (
          (await post('/api/documents', text ? { text } : { title: `Bench ${counter++}` }, token))
            .document as {
            id: string;
          }
        ).id,
      connect: (document) => yWebsocketClient(`${url}/sync`, document, { token }),
      connectDelegate: async (document, delegation) => {
        const link = (await post('/api/invitations', { role: 'delegate', delegation }, convenor))
          .token as string;
        const opened = await post('/api/sessions', { invitation: link, name: `Delegate ${delegation}` }, '');
        const principal = opened.principal as { personId: string; name: string };
        return {
          client: yWebsocketClient(`${url}/sync`, document, { token: opened.session as string }),
          person: { personId: principal.personId, name: principal.name, delegation },
        };
      },
      stop: stopper(child, () => rmSync(dataDir, { recursive: true, force: true })),
    };
  }
  if (kind === 'hocuspocus') {
    const child = await launch(
      process.execPath,
      [...GC_FLAGS, join(refsDir, 'hocuspocus.mjs')],
      { PORT: String(port) },
      refsDir,
    );
    const { HocuspocusProvider } = (await import(
      pathToFileURL(join(refsDir, 'node_modules/@hocuspocus/provider/dist/hocuspocus-provider.esm.js')).href
    )) as { HocuspocusProvider: new (options: Record<string, unknown>) => { destroy(): void } };
    // The provider must share our Y.Doc type: it comes from the references' own yjs, so documents are created
    // with that copy too.
    const RefY = (await import(
      pathToFileURL(join(refsDir, 'node_modules/yjs/dist/yjs.mjs')).href
    )) as typeof Y;
    return withPlainDelegate({
      kind,
      ...processReaders(child),
      newDocument: async () => `bench-${counter++}`,
      connect: (document) => {
        const doc = new RefY.Doc();
        let synced = false;
        const waiters: (() => void)[] = [];
        const provider = new HocuspocusProvider({
          url,
          name: document,
          document: doc,
          WebSocketPolyfill: WebSocket,
          onSynced: () => {
            synced = true;
            for (const resolve of waiters.splice(0)) resolve();
          },
        });
        return {
          doc: doc as unknown as Y.Doc,
          Y: RefY,
          synced: () => new Promise<void>((resolve) => (synced ? resolve() : waiters.push(resolve))),
          destroy: () => {
            provider.destroy();
            doc.destroy();
          },
        };
      },
      stop: stopper(child),
    });
  }
  const script = [
    ...GC_FLAGS,
    ...(kind === 'y-websocket-server'
      ? [join(refsDir, 'node_modules/@y/websocket-server/src/server.js')]
      : ['--import', 'tsx', join(SERVER_DIR, 'bench/sync/relay.ts')]),
  ];
  const child = await launch(
    process.execPath,
    script,
    { PORT: String(port), HOST: '127.0.0.1' },
    kind === 'ws-relay' ? SERVER_DIR : refsDir,
  );
  return withPlainDelegate({
    kind,
    ...processReaders(child),
    newDocument: async () => `bench-${counter++}`,
    connect: (document) =>
      kind === 'ws-relay' ? relayClient(url, document) : yWebsocketClient(url, document),
    stop: stopper(child),
  });
}

/** A server that knows no people: its delegate is a plain client (whose records name a made-up person). */
function withPlainDelegate(server: Omit<BenchServer, 'connectDelegate'>): BenchServer {
  return {
    ...server,
    connectDelegate: async (document, delegation) => ({
      client: server.connect(document),
      person: { personId: `bench-${delegation}`, name: `Delegate ${delegation}`, delegation },
    }),
  };
}

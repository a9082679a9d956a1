import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import {
  bracketKey,
  bracketsMap,
  CloseCode,
  createProposal,
  type DelegationId,
  MessageType,
  newBracketRecord,
  positionKey,
  positionsMap,
  readBrackets,
  readProposals,
  SYNC_PATH,
  treatyFragment,
  treatyFromYDoc,
  treatyTitle,
  ycharsOf,
} from '@travaux/shared';
import * as encoding from 'lib0/encoding';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { silentLogger } from './log.ts';
import { type RunningServer, startServer } from './server.ts';
import { productionBundle, removeProductionBundle } from './test-support/bundle.ts';
import { connectClient, editsIn, type SyncClient, titleText, waitFor } from './test-support/clients.ts';
import { storedLog } from './test-support/harness.ts';
import { createTestSchema, type TestSchema } from './test-support/postgres.ts';
import { newNegotiation, signIn } from './test-support/roster.ts';

// The reliability suite of issue 7: faults, hostile input and resource limits against the real server on
// loopback, each case with a numeric pass criterion; a summary table is printed at the end.

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const MIB = 1024 * 1024;

interface Row {
  readonly name: string;
  readonly criterion: string;
  readonly measured: string;
  readonly pass: boolean;
}
const summary: Row[] = [];
function record(name: string, criterion: string, measured: string, pass: boolean): void {
  summary.push({ name, criterion, measured, pass });
  expect(pass, `${name}: ${criterion}, measured ${measured}`).toBe(true);
}

/** The server as deployed: the bundle `npm start` runs (the crash and shutdown cases spawn it). */
let bundle: string;
beforeAll(async () => {
  bundle = await productionBundle();
});
afterAll(removeProductionBundle);

afterAll(() => {
  const lines = [
    '',
    '| reliability case | pass criterion | measured | pass |',
    '| --- | --- | --- | --- |',
    ...summary.map((r) => `| ${r.name} | ${r.criterion} | ${r.measured} | ${r.pass ? 'yes' : 'NO'} |`),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
});

/** The stores the durability, hostile-input and convergence cases run on (issue 22: both, SN1). */
const BACKENDS = ['sqlite', 'postgres'] as const;
type Backend = (typeof BACKENDS)[number];

/** How a case's summary rows name the backend: SQLite's rows keep their names. */
const on = (backend: Backend) => (backend === 'postgres' ? ' (PostgreSQL)' : '');

const schemas = new Map<string, Promise<TestSchema>>();
afterAll(async () => {
  await Promise.all([...schemas.values()].map(async (schema) => (await schema).drop()));
});

/**
 * The `TRAVAUX_DATABASE_URL` of a server on `dataDir`: none on SQLite; on PostgreSQL a schema of its own per
 * data directory, so that a server restarted on the same directory finds its data again.
 */
async function databaseUrlFor(backend: Backend, dataDir: string): Promise<string | null> {
  if (backend === 'sqlite') return null;
  let schema = schemas.get(dataDir);
  if (!schema) {
    schema = createTestSchema();
    schemas.set(dataDir, schema);
  }
  return (await schema).url;
}

async function newServer(
  dataDir: string,
  overrides: Parameters<typeof startServer>[0] = {},
  backend: Backend = 'sqlite',
) {
  return startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: await databaseUrlFor(backend, dataDir),
    seedDemo: false,
    logger: silentLogger,
    // The shape check on, as deployed; the cases that sync generic Yjs types (the 10,000 malformed frames and
    // the reader that never reads) turn it off.
    ...overrides,
  });
}

async function chairOf(server: RunningServer) {
  const negotiation = await newNegotiation(server.access);
  return { negotiation, chair: await signIn(server.access, negotiation, 'chair', null, 'Chair') };
}

async function createDocument(server: RunningServer, token: string, title = 'Draft'): Promise<string> {
  const response = await fetch(`${server.url}/api/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ title }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { document: { id: string } }).document.id;
}

function heapMiB(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / MIB;
}

/** A deterministic random source, so a failing run can be repeated. */
function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
  };
}

function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const TREATY = 'Draft convention\n\nArticle 1\nScope\n1. This Convention applies to cooperation.\n';

/** The first element named `name` in the treaty of `doc`. */
const firstElement = (doc: Y.Doc, name: string) =>
  treatyFragment(doc)
    .createTreeWalker((n) => n instanceof Y.XmlElement && n.nodeName === name)
    .next().value as Y.XmlElement;

/**
 * Schema-invalid writes that are valid Yjs (issue 16), each into a delegate's replica of `TREATY`: a stock
 * provider sends them as one update. `personId` is the attacker's, for a record that is its own.
 */
const SCHEMA_INVALID: { name: string; attack: (doc: Y.Doc, personId: string) => void }[] = [
  {
    name: 'wrong child (a title inside an article)',
    attack: (doc) => {
      const title = new Y.XmlElement('title');
      title.insert(0, [new Y.XmlText('Another title')]);
      firstElement(doc, 'article').insert(1, [title]);
    },
  },
  {
    name: 'unknown element',
    attack: (doc) => firstElement(doc, 'article').insert(1, [new Y.XmlElement('script')]),
  },
  {
    name: 'JSON value in an element',
    attack: (doc) => firstElement(doc, 'paragraph').insert(0, [{ evil: true }] as never),
  },
  {
    name: 'JSON embed in text',
    attack: (doc) => (firstElement(doc, 'body').get(0) as Y.XmlText).insertEmbed(0, { evil: true }),
  },
  { name: 'extra top-level type', attack: (doc) => doc.getMap('junk').set('a', 'b') },
  {
    name: 'extra record field',
    attack: (doc, personId) => {
      const record = createProposal(doc, {
        delegation: 'KEN' as DelegationId,
        personId,
        personName: 'Mallory',
      });
      doc.getMap('proposals').set(record.id, { ...record, payload: 'x' });
    },
  },
  {
    name: 'oversized value',
    attack: (doc) => firstElement(doc, 'paragraph').setAttribute('package', 'x'.repeat(4 * 1024 * 1024)),
  },
];

/** The stored update log of `documentId` (sequence numbers and bytes), from SQLite or PostgreSQL. */
async function storedUpdates(backend: Backend, dir: string, documentId: string): Promise<string> {
  if (backend === 'sqlite') return storedLog(dir, documentId);
  const client = new pg.Client({ connectionString: (await schemas.get(dir)!).url });
  await client.connect();
  try {
    const { rows } = await client.query<{ seq: number; data: Buffer }>(
      'SELECT seq, data FROM updates WHERE document_id = $1 ORDER BY seq',
      [documentId],
    );
    return rows.map((row) => `${row.seq}:${row.data.toString('hex')}`).join(',');
  } finally {
    await client.end();
  }
}

describe.each(BACKENDS)('hostile input (%s)', (backend) => {
  it('10,000 random and mutated frames on many sockets: the server lives, honest text unchanged, offenders closed, memory back near baseline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'travaux-hostile-'));
    const server = await newServer(dir, { unloadGraceMs: 100, checkShape: false }, backend);
    try {
      const { negotiation, chair } = await chairOf(server);
      const documentId = await createDocument(server, chair.token);
      const honest = [
        connectClient(server.url, documentId, chair.token),
        connectClient(server.url, documentId, chair.token),
      ];
      await Promise.all(honest.map((c) => c.synced()));
      honest[0]!.doc.getText('t').insert(0, 'honest text');
      await waitFor('honest sync', () => honest[1]!.doc.getText('t').toString() === 'honest text');
      const attacker = await signIn(server.access, negotiation, 'delegate', 'KEN', 'Mallory');
      const baseline = heapMiB();

      const rand = randomSource(42);
      const validUpdate = (() => {
        const doc = new Y.Doc();
        doc.getText('x').insert(0, 'abc');
        return Y.encodeStateAsUpdate(doc);
      })();
      const missingDependency = (() => {
        const doc = new Y.Doc();
        doc.getText('x').insert(0, 'first');
        const vector = Y.encodeStateVector(doc);
        doc.getText('x').insert(5, ' second');
        return Y.encodeStateAsUpdate(doc, vector);
      })();
      const invalid: (() => Uint8Array | string)[] = [
        () =>
          new Uint8Array(Array.from({ length: 1 + rand.int(64) }, () => rand.int(256))).map((b, i) =>
            i === 0 ? 3 + (b % 250) : b,
          ),
        () => new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80]),
        () =>
          new Uint8Array([
            MessageType.sync,
            syncProtocol.messageYjsUpdate,
            0xff,
            0xff,
            0xff,
            0xff,
            0x0f,
            1,
            2,
          ]),
        () => new Uint8Array([MessageType.awareness, 0xff, 0xff, 0xff, 0x7f]),
        () => {
          const valid = frame(MessageType.sync, (e) => syncProtocol.writeUpdate(e, validUpdate));
          return valid.slice(0, 2 + rand.int(valid.length - 3));
        },
        () => {
          const valid = frame(MessageType.sync, (e) => syncProtocol.writeUpdate(e, validUpdate));
          const mutated = valid.slice();
          for (let i = 0; i < 3; i++) mutated[2 + rand.int(mutated.length - 2)]! ^= 1 << rand.int(8);
          return new Uint8Array([...mutated, 0xde, 0xad]);
        },
        () => frame(MessageType.sync, (e) => syncProtocol.writeUpdate(e, missingDependency)),
        () => 'a text frame',
      ];

      let sent = 0;
      let sockets = 0;
      let closedByServer = 0;
      const url = `${server.url.replace(/^http/, 'ws')}${SYNC_PATH}/${documentId}?token=${encodeURIComponent(attacker.token)}`;
      const attack = async () => {
        while (sent < 10_000) {
          const socket = new WebSocket(url);
          sockets++;
          socket.on('error', () => {});
          const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
          await new Promise<void>((resolve) => {
            socket.once('open', () => resolve());
            socket.once('close', () => resolve());
          });
          let mine = 0;
          for (let i = 0; i < 25 && socket.readyState === WebSocket.OPEN && sent < 10_000; i++) {
            socket.send(rand.pick(invalid)());
            sent++;
            mine++;
          }
          if (mine === 0) {
            // Opened after the last frame was sent: not an attacker.
            sockets--;
            socket.terminate();
            continue;
          }
          const code = await Promise.race([
            closed,
            new Promise<number>((r) => setTimeout(() => r(-1), 2000)),
          ]);
          if (code !== -1 && code !== 1005 && code !== 1006) closedByServer++;
          socket.terminate();
        }
      };
      await Promise.all(Array.from({ length: 20 }, attack));

      const alive = (await fetch(`${server.url}/health`)).status === 200;
      record(
        `hostile frames: server alive${on(backend)}`,
        '/health 200 after ≥ 10,000 frames',
        `${sent} frames, ${alive ? '200' : 'down'}`,
        alive && sent >= 10_000,
      );
      const closedShare = closedByServer / sockets;
      record(
        `hostile frames: offenders closed${on(backend)}`,
        '≥ 99% of attacking sockets closed by the server with a code',
        `${(closedShare * 100).toFixed(1)}% of ${sockets}`,
        closedShare >= 0.99,
      );
      const text = await (
        await fetch(`${server.url}/api/documents/${documentId}/text`, {
          headers: { authorization: `Bearer ${chair.token}` },
        })
      ).text();
      honest[1]!.doc.getText('t').insert(11, ', still');
      await waitFor(
        'honest clients still sync',
        () => honest[0]!.doc.getText('t').toString() === 'honest text, still',
      );
      const unchanged = honest.every((c) => c.doc.getText('x').length === 0) && text.startsWith('Draft');
      record(
        `hostile frames: honest documents${on(backend)}`,
        'no attacker content, honest clients still sync',
        unchanged ? 'unchanged, syncing' : 'changed',
        unchanged,
      );
      for (const client of honest) client.destroy();
      await waitFor('the document to unload', () => server.stats().loadedDocuments === 0, 5000);
      const after = heapMiB();
      record(
        `hostile frames: memory${on(backend)}`,
        'heap after GC ≤ baseline + 16 MiB',
        `${baseline.toFixed(1)} → ${after.toFixed(1)} MiB`,
        after <= baseline + 16,
      );
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('schema-invalid but valid Yjs updates (SH1–SH7) close with 4400: store unchanged, nothing forwarded, server alive', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'travaux-hostile-shape-'));
    // The shape check on, as deployed: the document is a treaty, its honest edits go into the title.
    const server = await newServer(dir, {}, backend);
    const clients: SyncClient[] = [];
    try {
      const { negotiation, chair } = await chairOf(server);
      const response = await fetch(`${server.url}/api/documents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${chair.token}` },
        body: JSON.stringify({ text: TREATY }),
      });
      const documentId = ((await response.json()) as { document: { id: string } }).document.id;
      const witnessSession = await signIn(server.access, negotiation, 'delegate', 'USA', 'John');
      const witness = connectClient(server.url, documentId, witnessSession.token);
      const author = connectClient(server.url, documentId, chair.token);
      clients.push(witness, author);
      await Promise.all([witness.synced(), author.synced()]);
      const witnessCloses: number[] = [];
      witness.provider.on('closed', (event: { code: number }) => witnessCloses.push(event.code));
      let refused = 0;
      let unchanged = 0;
      let forwarded = 0;
      for (const [index, { name, attack }] of SCHEMA_INVALID.entries()) {
        // A person of its own per attack: the third refusal of one person would throttle its reconnects (4429).
        const session = await signIn(server.access, negotiation, 'delegate', 'KEN', `Mallory ${index}`);
        const attacker = connectClient(server.url, documentId, session.token);
        clients.push(attacker);
        await attacker.synced();
        const closes: { code: number; reason: string }[] = [];
        attacker.provider.on('closed', (event: { code: number; reason: string }) => closes.push(event));
        const before = await storedUpdates(backend, dir, documentId);
        const seen = Y.encodeStateVector(witness.doc);
        attacker.doc.transact(() => attack(attacker.doc, session.principal.personId));
        await waitFor(`the refusal of ${name}`, () => closes.length > 0, 15_000);
        attacker.destroy();
        await new Promise((resolve) => setTimeout(resolve, 100));
        if (closes[0]!.code === CloseCode.ShapeViolation && /^SH\d/.test(closes[0]!.reason)) refused++;
        else process.stdout.write(`${name}: closed with ${closes[0]!.code} ${closes[0]!.reason}\n`);
        if ((await storedUpdates(backend, dir, documentId)) === before) unchanged++;
        if (!Buffer.from(Y.encodeStateVector(witness.doc)).equals(seen)) forwarded++;
      }
      const alive = (await fetch(`${server.url}/health`)).status === 200;
      titleText(author.doc).insert(0, 'Still ');
      await waitFor('an honest edit after the attacks', () => treatyTitle(witness.doc).startsWith('Still '));
      const total = SCHEMA_INVALID.length;
      record(
        `schema-invalid updates${on(backend)}`,
        'each closed with 4400 and an SH reason, store byte-identical, nothing forwarded, server alive',
        `${refused}/${total} closed 4400, ${unchanged}/${total} store unchanged, ${forwarded} forwarded, ${alive ? 'alive' : 'down'}`,
        refused === total && unchanged === total && forwarded === 0 && alive && witnessCloses.length === 0,
      );
    } finally {
      for (const client of clients) client.destroy();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('frames with reserved bits set are refused at the WebSocket layer and the server lives', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'travaux-rsv-'));
    const server = await newServer(dir, {}, backend);
    try {
      const { chair } = await chairOf(server);
      const documentId = await createDocument(server, chair.token);
      const { port } = new URL(server.url);
      let closed = 0;
      const attempts = 20;
      for (let i = 0; i < attempts; i++) {
        const code = await new Promise<number>((resolve) => {
          const socket = connect(Number(port), '127.0.0.1', () => {
            socket.write(
              `GET ${SYNC_PATH}/${documentId}?token=${encodeURIComponent(chair.token)} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
            );
          });
          let upgraded = false;
          socket.on('data', (data: Buffer) => {
            if (!upgraded && data.toString('latin1').startsWith('HTTP/1.1 101')) {
              upgraded = true;
              // FIN + RSV1 + RSV2 + binary opcode, masked, 3-byte payload.
              socket.write(Buffer.from([0xf2, 0x83, 1, 2, 3, 4, 0 ^ 1, 1 ^ 2, 2 ^ 3]));
              return;
            }
            const closeFrame = data.indexOf(0x88);
            if (upgraded && closeFrame >= 0 && data.length >= closeFrame + 4)
              resolve(data.readUInt16BE(closeFrame + 2));
          });
          socket.on('close', () => resolve(-1));
          socket.on('error', () => resolve(-1));
          setTimeout(() => {
            socket.destroy();
            resolve(-2);
          }, 2000);
        });
        if (code === 1002) closed++;
      }
      const alive = (await fetch(`${server.url}/health`)).status === 200;
      record(
        `reserved bits${on(backend)}`,
        'every such frame closed with 1002, server alive',
        `${closed}/${attempts} closed with 1002`,
        closed === attempts && alive,
      );
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('resource limits', () => {
  it('oversized frames close with 1009 and memory stays bounded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'travaux-big-'));
    const server = await newServer(dir, { maxMessageBytes: 1 * MIB });
    try {
      const { chair } = await chairOf(server);
      const documentId = await createDocument(server, chair.token);
      const baseline = heapMiB();
      let closed1009 = 0;
      for (let i = 0; i < 20; i++) {
        const socket = new WebSocket(
          `${server.url.replace(/^http/, 'ws')}${SYNC_PATH}/${documentId}?token=${chair.token}`,
        );
        socket.on('error', () => {});
        await new Promise((resolve) => socket.once('open', resolve));
        const code = new Promise<number>((resolve) => socket.once('close', (c) => resolve(c)));
        socket.send(new Uint8Array(4 * MIB));
        if ((await code) === 1009) closed1009++;
      }
      const after = heapMiB();
      record(
        'oversized frames',
        '20 × 4 MiB frames at a 1 MiB limit: all closed with 1009, heap ≤ baseline + 16 MiB',
        `${closed1009}/20 with 1009, heap ${baseline.toFixed(1)} → ${after.toFixed(1)} MiB`,
        closed1009 === 20 && after <= baseline + 16,
      );
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a reader that never reads is disconnected before its buffer passes the cap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'travaux-slow-'));
    const cap = 1 * MIB;
    const server = await newServer(dir, {
      maxBufferedBytes: cap,
      maxMessageBytes: 4 * MIB,
      checkShape: false,
    });
    try {
      const { chair } = await chairOf(server);
      const documentId = await createDocument(server, chair.token);
      // A raw TCP client: it completes the WebSocket handshake, then never reads another byte.
      const { port } = new URL(server.url);
      const slow = connect(Number(port), '127.0.0.1');
      slow.on('error', () => {});
      await new Promise<void>((resolve) => {
        slow.once('connect', () => {
          slow.write(
            `GET ${SYNC_PATH}/${documentId}?token=${encodeURIComponent(chair.token)} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
          );
        });
        slow.once('data', () => {
          slow.pause();
          resolve();
        });
      });
      await waitFor('the slow socket to be counted', () => server.stats().openSockets === 1);
      const writer = connectClient(server.url, documentId, chair.token);
      await writer.synced();
      const chunk = 'x'.repeat(256 * 1024);
      let written = 0;
      while (written < 256 * MIB && server.stats().openSockets > 1) {
        writer.doc.getText('t').insert(0, chunk);
        if (writer.doc.getText('t').length > 2 * MIB) writer.doc.getText('t').delete(0, MIB);
        written += chunk.length;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      const dropped = server.stats().openSockets === 1;
      writer.destroy();
      slow.destroy();
      record(
        'slow reader',
        `dropped once its unsent bytes pass ${cap / MIB} MiB (plus what the kernel buffers), within 256 MiB of traffic`,
        dropped ? `dropped after ${(written / MIB).toFixed(0)} MiB of traffic` : 'never dropped',
        dropped,
      );
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('1,000 connections opened and dropped at once leave no document or socket behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'travaux-many-'));
    const server = await newServer(dir, { unloadGraceMs: 50 });
    try {
      const { chair } = await chairOf(server);
      const documentId = await createDocument(server, chair.token);
      const url = `${server.url.replace(/^http/, 'ws')}${SYNC_PATH}/${documentId}?token=${chair.token}`;
      const sockets = Array.from({ length: 1000 }, () => {
        const socket = new WebSocket(url);
        socket.on('error', () => {});
        return socket;
      });
      await Promise.all(sockets.map((s) => new Promise((resolve) => s.once('open', resolve))));
      const peak = server.stats().openSockets;
      for (const socket of sockets) socket.terminate();
      await waitFor(
        'everything released',
        () => {
          const stats = server.stats();
          return stats.openSockets === 0 && stats.loadedDocuments === 0;
        },
        10_000,
      ).catch(() => {});
      const stats = server.stats();
      record(
        '1,000 connections dropped',
        '0 sockets and 0 loaded documents within 10 s',
        `peak ${peak} sockets → ${stats.openSockets} sockets, ${stats.loadedDocuments} documents`,
        stats.openSockets === 0 && stats.loadedDocuments === 0 && peak === 1000,
      );
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('10,000 distinct documents opened and closed leave none in memory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'travaux-docs-'));
    const server = await newServer(dir, { unloadGraceMs: 0 });
    try {
      const { negotiation, chair } = await chairOf(server);
      void negotiation;
      const ids: string[] = [];
      const create = async (k: number) => {
        for (let i = k; i < 10_000; i += 25)
          ids.push(await createDocument(server, chair.token, `Document ${i}`));
      };
      await Promise.all(Array.from({ length: 25 }, (_, k) => create(k)));
      let opened = 0;
      const open = async (slice: string[]) => {
        for (const id of slice) {
          const response = await fetch(`${server.url}/api/documents/${id}/text`, {
            headers: { authorization: `Bearer ${chair.token}` },
          });
          if (response.status === 200) opened++;
          await response.text();
        }
      };
      await Promise.all(Array.from({ length: 25 }, (_, k) => open(ids.filter((_, i) => i % 25 === k))));
      await waitFor('every document unloaded', () => server.stats().loadedDocuments === 0, 15_000).catch(
        () => {},
      );
      const loaded = server.stats().loadedDocuments;
      record(
        '10,000 documents',
        'all opened, 0 left loaded within 15 s',
        `${opened} opened, ${loaded} loaded`,
        opened === 10_000 && loaded === 0,
      );
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

// --- Processes: kill -9 and SIGTERM -------------------------------------------------------------------------

const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN = 'reliability-admin-token-000';

function spawnServer(
  dataDir: string,
  port: number,
  databaseUrl: string | null,
): { child: ChildProcess; ready: Promise<void>; exited: Promise<number | string> } {
  const child = spawn(process.execPath, ['--enable-source-maps', bundle], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      TRAVAUX_DATA_DIR: dataDir,
      // Empty counts as unset: SQLite in the data directory.
      TRAVAUX_DATABASE_URL: databaseUrl ?? '',
      TRAVAUX_SEED_DEMO: 'false',
      TRAVAUX_ADMIN_TOKEN: ADMIN,
      TRAVAUX_UNLOAD_GRACE_MS: '60000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const ready = waitFor('the server to listen', () => output.includes('Travaux listening on'), 20_000);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return { child, ready, exited };
}

async function post(url: string, body: unknown, bearer = ''): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Record<string, unknown>;
}

async function chairSession(url: string): Promise<string> {
  const created = await post(`${url}/api/negotiations`, { title: 'Reliability' }, ADMIN);
  const convenor = (
    await post(`${url}/api/sessions`, {
      invitation: (created.convenorInvitation as { token: string }).token,
      name: 'C',
    })
  ).session as string;
  const chairLink = (await post(`${url}/api/invitations`, { role: 'chair' }, convenor)).token as string;
  return (await post(`${url}/api/sessions`, { invitation: chairLink, name: 'Chair' })).session as string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const listener = createServer().listen(0, '127.0.0.1', () => {
      const { port } = listener.address() as { port: number };
      listener.close(() => resolve(port));
    });
  });
}

describe.each(BACKENDS)('durability (%s)', (backend) => {
  it('kill -9 during 100 edits/s from 5 clients, three times: every edit a client received is still there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'travaux-kill-'));
    const port = await freePort();
    const databaseUrl = await databaseUrlFor(backend, dir);
    let proc = spawnServer(dir, port, databaseUrl);
    const clients: SyncClient[] = [];
    try {
      await proc.ready;
      const url = `http://127.0.0.1:${port}`;
      const token = await chairSession(url);
      const documentId = (
        (await post(`${url}/api/documents`, { title: 'Durability' }, token)).document as { id: string }
      ).id;
      let missingTotal = 0;
      let receivedTotal = 0;
      for (let round = 0; round < 3; round++) {
        const writers = Array.from({ length: 5 }, () => connectClient(url, documentId, token));
        const witness = connectClient(url, documentId, token);
        clients.push(...writers, witness);
        await Promise.all([...writers, witness].map((c) => c.synced(10_000)));
        let streaming = true;
        const streams = writers.map(async (writer, w) => {
          let n = 0;
          while (streaming) {
            titleText(writer.doc).insert(0, `r${round}-w${w}-${n++};`);
            await new Promise((resolve) => setTimeout(resolve, 50)); // 20 edits/s each, 100 edits/s in all
          }
        });
        await waitFor('edits to flow', () => editsIn(witness.doc).length > 150 * (round + 1), 20_000);
        proc.child.kill('SIGKILL');
        await proc.exited;
        streaming = false;
        await Promise.all(streams);
        const received = editsIn(witness.doc);
        for (const c of [...writers, witness]) c.destroy();
        proc = spawnServer(dir, port, databaseUrl);
        await proc.ready;
        const fresh = connectClient(url, documentId, token);
        clients.push(fresh);
        await fresh.synced(10_000);
        const recovered = new Set(editsIn(fresh.doc));
        missingTotal += received.filter((edit) => !recovered.has(edit)).length;
        receivedTotal += received.length;
        fresh.destroy();
      }
      record(
        `kill -9 under load${on(backend)}`,
        '0 of the edits a client had received are lost, over 3 kills',
        `${missingTotal} lost of ${receivedTotal}`,
        missingTotal === 0 && receivedTotal > 0,
      );
    } finally {
      for (const c of clients) c.destroy();
      proc.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('SIGTERM with 50 dirty documents flushes them all and exits within 10 s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'travaux-term-'));
    const port = await freePort();
    const databaseUrl = await databaseUrlFor(backend, dir);
    let proc = spawnServer(dir, port, databaseUrl);
    const clients: SyncClient[] = [];
    try {
      await proc.ready;
      const url = `http://127.0.0.1:${port}`;
      const token = await chairSession(url);
      const ids: string[] = [];
      for (let i = 0; i < 50; i++)
        ids.push(
          ((await post(`${url}/api/documents`, { title: `Doc ${i}` }, token)).document as { id: string }).id,
        );
      for (const id of ids) {
        const client = connectClient(url, id, token);
        clients.push(client);
      }
      await Promise.all(clients.map((c) => c.synced(10_000)));
      clients.forEach((client, i) => {
        titleText(client.doc).insert(0, `edit of document ${i};`);
      });
      const witnesses = ids.map((id) => connectClient(url, id, token));
      await Promise.all(
        witnesses.map((w, i) =>
          waitFor(
            'the edit to reach a witness',
            () => treatyTitle(w.doc).startsWith(`edit of document ${i};`),
            10_000,
          ),
        ),
      );
      for (const w of witnesses) w.destroy();
      const start = Date.now();
      proc.child.kill('SIGTERM');
      const code = await proc.exited;
      const seconds = (Date.now() - start) / 1000;
      for (const c of clients) c.destroy();
      proc = spawnServer(dir, port, databaseUrl);
      await proc.ready;
      let present = 0;
      for (let i = 0; i < ids.length; i++) {
        const text = await (
          await fetch(`${url}/api/documents/${ids[i]}/text`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).text();
        const reader = connectClient(url, ids[i]!, token);
        await reader.synced(10_000);
        if (treatyTitle(reader.doc).startsWith(`edit of document ${i};`) && text.length > 0) present++;
        reader.destroy();
      }
      record(
        `SIGTERM with dirty documents${on(backend)}`,
        'exit 0 within 10 s, 50/50 documents intact after restart',
        `exit ${code} in ${seconds.toFixed(1)} s, ${present}/50 intact`,
        code === 0 && seconds <= 10 && present === 50,
      );
    } finally {
      for (const c of clients) c.destroy();
      proc.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe.each(BACKENDS)('convergence under faults (%s)', (backend) => {
  it('thousands of random proposals, positions, brackets, options and status changes, disconnects and server restarts: every replica and the store agree', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'travaux-faults-'));
    const port = await freePort();
    let server = await newServer(dir, { port, unloadGraceMs: 200 }, backend);
    const clients: {
      client: SyncClient;
      delegation: DelegationId | null;
      personId: string;
      proposal: string | null;
    }[] = [];
    try {
      const { negotiation, chair } = await chairOf(server);
      const response = await fetch(`${server.url}/api/documents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${chair.token}` },
        body: JSON.stringify({
          text: 'Draft\n\nArticle 1\nScope\n1. First paragraph.\n2. Second paragraph.\n3. Third paragraph.\n4. Fourth paragraph.\n',
        }),
      });
      const documentId = ((await response.json()) as { document: { id: string } }).document.id;
      for (const delegation of ['RUS', 'USA', 'CHN'] as DelegationId[]) {
        const session = await signIn(server.access, negotiation, 'delegate', delegation, delegation);
        clients.push({
          client: connectClient(server.url, documentId, session.token),
          delegation,
          personId: session.principal.personId,
          proposal: null,
        });
      }
      clients.push({
        client: connectClient(server.url, documentId, chair.token),
        delegation: null,
        personId: chair.principal.personId,
        proposal: null,
      });
      await Promise.all(clients.map((c) => c.client.synced(10_000)));

      const rand = randomSource(7);
      let restarts = 0;
      let disconnects = 0;
      let bracketOps = 0;
      let bracketWaits = 0;
      let statusChanges = 0;
      /** Waits (at most 2 s) until every client is connected and holds the same state; false on time-out. */
      const quiescent = () =>
        waitFor(
          'every client to catch up',
          () =>
            clients.every((c) => c.client.provider.wsconnected && c.client.provider.synced) &&
            new Set(clients.map((c) => Buffer.from(Y.encodeStateVector(c.client.doc)).toString('hex')))
              .size === 1,
          2000,
        ).then(
          () => true,
          () => false,
        );
      /** BR3: as the editor does, text typed inside brackets carries them (Yjs would otherwise end them there). */
      const bracketsAt = (text: Y.XmlText, at: number) => {
        const chars = ycharsOf(text);
        const before = chars[at - 1]?.attrs ?? {};
        const after = chars[at]?.attrs ?? {};
        return Object.fromEntries(
          Object.entries(before).filter(([key]) => key.startsWith('bracket--') && key in after),
        );
      };
      /** The index after the last character of the bracket group `key` in `text`. */
      const groupEnd = (text: Y.XmlText, key: string) => {
        let end = 0;
        ycharsOf(text).forEach((char, index) => {
          for (const [attr, value] of Object.entries(char.attrs)) {
            const bracket = value as { id?: string; group?: string | null };
            if (attr.startsWith('bracket--') && (bracket.id === key || bracket.group === key))
              end = index + 1;
          }
        });
        return end;
      };
      /** Runs of one's own proposed text: unbracketed words to bracket, or one's own brackets to add an option to. */
      const ownRuns = (text: Y.XmlText, proposal: string) => {
        const runs: { index: number; length: number; bracket: string | null }[] = [];
        let index = 0;
        for (const op of text.toDelta() as { insert: string; attributes?: Record<string, unknown> }[]) {
          const length = op.insert.length;
          const attrs = op.attributes ?? {};
          const brackets = Object.keys(attrs).filter((key) => key.startsWith('bracket--'));
          const own = (attrs.insertion as { proposal?: string } | undefined)?.proposal === proposal;
          if (own && brackets.length === 0 && !attrs.deletion) runs.push({ index, length, bracket: null });
          if (own && brackets.length === 1) {
            const bracket = attrs[brackets[0]!] as { id: string; group: string | null };
            runs.push({ index, length, bracket: bracket.group ?? bracket.id });
          }
          index += length;
        }
        return runs;
      };
      const ops = 2000;
      for (let op = 0; op < ops; op++) {
        const actor = rand.pick(clients);
        const { doc } = actor.client;
        // The last paragraph is the chair's to agree and reopen (SS1–SS3): nobody writes into it meanwhile.
        const texts = [...treatyFragment(doc).createTreeWalker((n) => n instanceof Y.XmlText)].slice(
          0,
          -1,
        ) as Y.XmlText[];
        const text = texts.length > 1 ? texts[1 + rand.int(texts.length - 1)]! : texts[0]!;
        const at = rand.int(text.length + 1);
        const roll = rand.next();
        if (actor.delegation === null && roll < 0.2) {
          const last = [
            ...treatyFragment(doc).createTreeWalker(
              (n) => n instanceof Y.XmlElement && n.nodeName === 'paragraph',
            ),
          ].at(-1) as Y.XmlElement;
          const status = rand.pick(['informals', 'adref', 'adopted', null] as const);
          if (status === null) last.removeAttribute('status');
          else last.setAttribute('status', status);
          statusChanges++;
        } else if (actor.delegation === null) {
          text.insert(at, ` c${op}`, { ...bracketsAt(text, at), insertion: null, deletion: null });
        } else if (roll < 0.15 && actor.proposal) {
          // BR2/BR5: bracket one's own proposed word, or add an option to one's own bracket. Two delegations
          // bracketing overlapping text at the same moment is a real conflict (BR3: the later one is refused and
          // reloads), so, as in a meeting, a bracket is placed on a text everyone has caught up with; typing goes
          // on concurrently around it.
          const caughtUp = await quiescent();
          const runs = ownRuns(text, actor.proposal);
          const run = runs.length > 0 ? rand.pick(runs) : null;
          if (run) {
            const record = newBracketRecord(
              { delegation: actor.delegation, personId: actor.personId, personName: actor.delegation },
              { group: run.bracket },
            );
            bracketsMap(doc).set(record.id, record);
            const mark = { [bracketKey(record.id, run.bracket)]: { id: record.id, group: run.bracket } };
            if (run.bracket === null) text.format(run.index, run.length, mark);
            else {
              // After the group's last option, inside the brackets that hold the group (as addOption does).
              const end = groupEnd(text, run.bracket);
              text.insert(end, `opt${op}`, {
                ...bracketsAt(text, end),
                ...mark,
                insertion: { proposal: actor.proposal },
              });
            }
            bracketOps++;
            if (caughtUp) bracketWaits++;
          }
        } else if (roll < 0.3) {
          const others = [...readProposals(doc).values()].filter(
            (r) => r.status === 'open' && r.delegation !== actor.delegation,
          );
          if (others.length > 0) {
            const target = rand.pick(others);
            positionsMap(doc).set(positionKey(target.id, actor.delegation), {
              stance: rand.pick(['support', 'oppose', 'cosponsor'] as const),
              personId: actor.personId,
              at: new Date().toISOString(),
            });
          }
        } else {
          actor.proposal ??= createProposal(doc, {
            delegation: actor.delegation,
            personId: actor.personId,
            personName: actor.delegation,
          }).id;
          text.insert(at, ` ${actor.delegation.toLowerCase()}${op}`, {
            ...bracketsAt(text, at),
            insertion: { proposal: actor.proposal },
            deletion: null,
          });
        }
        if (op % 250 === 125) {
          const victim = rand.pick(clients);
          victim.client.provider.disconnect();
          disconnects++;
          setTimeout(() => victim.client.provider.connect(), 50 + rand.int(300));
        }
        if (op % 700 === 699) {
          await server.close();
          server = await newServer(dir, { port, unloadGraceMs: 200 }, backend);
          restarts++;
        }
        if (op % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
      }
      for (const { client } of clients) client.provider.connect();
      const state = (doc: Y.Doc) =>
        JSON.stringify({
          text: treatyFromYDoc(doc).toJSON(),
          records: [...readProposals(doc)].sort(),
          brackets: [...readBrackets(doc)].sort(),
          positions: [...positionsMap(doc).entries()].sort(),
        });
      await waitFor(
        'every replica to agree',
        () => new Set(clients.map((c) => state(c.client.doc))).size === 1,
        30_000,
      ).catch(() => {});
      const replicas = new Set(clients.map((c) => state(c.client.doc))).size;
      const closedForRules = clients.filter((c) => c.client.provider.shouldConnect === false).length;
      const fresh = connectClient(server.url, documentId, chair.token);
      await fresh.synced(10_000);
      await waitFor(
        'the store to match',
        () => state(fresh.doc) === state(clients[0]!.client.doc),
        10_000,
      ).catch(() => {});
      const storeMatches = state(fresh.doc) === state(clients[0]!.client.doc);
      fresh.destroy();
      record(
        `convergence under faults${on(backend)}`,
        `${ops} random operations (${bracketOps} brackets and options, ${bracketWaits} of them on a caught-up text, ${statusChanges} status changes), ${disconnects} disconnects, ${restarts} restarts: 1 distinct state across 4 replicas and the store, 0 clients refused`,
        `${replicas} distinct replica state(s), store ${storeMatches ? 'equal' : 'different'}, ${closedForRules} refused`,
        replicas === 1 &&
          storeMatches &&
          closedForRules === 0 &&
          restarts >= 2 &&
          bracketOps > 0 &&
          statusChanges > 0,
      );
    } finally {
      for (const { client } of clients) client.destroy();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

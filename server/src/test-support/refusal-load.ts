import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createProposal, type DelegationId, SYNC_PATH, treatyFragment } from '@travaux/shared';
import * as Y from 'yjs';
import { encodeSyncUpdate } from '../rooms/messages.ts';
import type { RunningServer } from '../server.ts';
import type { SyncClient } from './clients.ts';
import { createDocumentAs, enterAs } from './harness.ts';
import { signIn, type TestSession } from './roster.ts';

/** What `honestLatency` measured: the reader's delivery latencies of the honest delegate's keystrokes. */
export interface LatencyFigures {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly edits: number;
  readonly lost: number;
  /** How the hostile sockets were closed (close code or `http <status>` → count), and how many connections. */
  readonly hostile: { readonly connections: number; readonly closes: Record<string, number> } | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

/** The first paragraph body's text of a treaty (where the honest delegate types). */
function bodyText(doc: Y.Doc): Y.XmlText {
  const walker = treatyFragment(doc).createTreeWalker(
    (node) => node instanceof Y.XmlElement && node.nodeName === 'body',
  );
  return (walker.next().value as Y.XmlElement).get(0) as Y.XmlText;
}

/**
 * A schema-invalid but valid Yjs update as a sync frame (SH1: a top-level type outside the layout): what every
 * hostile socket sends, so that the server refuses it with 4400 and, after three, throttles its person (4429).
 */
export function junkFrame(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('junk').set('a', 'b');
  const frame = encodeSyncUpdate(Y.encodeStateAsUpdate(doc));
  doc.destroy();
  return frame;
}

/** Starts the hostile sockets in a worker thread (its own event loop); `stop` ends them and returns counts. */
export async function startHostileSockets(
  server: RunningServer,
  documentId: string,
  tokens: readonly string[],
  frame: Uint8Array = junkFrame(),
): Promise<{ stop(): Promise<NonNullable<LatencyFigures['hostile']>> }> {
  const worker = new Worker(new URL('./hostile-sockets.mjs', import.meta.url), {
    workerData: { url: `${server.url.replace(/^http/, 'ws')}${SYNC_PATH}/${documentId}`, tokens, frame },
  });
  await new Promise((resolve) => worker.once('message', resolve));
  return {
    stop: async () => {
      const counts = new Promise<NonNullable<LatencyFigures['hostile']>>((resolve) =>
        worker.once('message', resolve),
      );
      worker.postMessage('stop');
      const result = await counts;
      await worker.terminate();
      return result;
    },
  };
}

/**
 * Issue 16's honest latency: a delegate types one character every `intervalMs` as its own proposal (every
 * keystroke through the proposal rules and the shape check), a reader measures when each arrives. With
 * `hostileTokens`, that many sockets (a worker thread) send refused updates and reconnect in a tight loop
 * meanwhile. The first `warmUpMs` of keystrokes count for loss, not latency.
 */
export async function honestLatency(
  server: RunningServer,
  documentId: string,
  writerSession: TestSession,
  readerSession: TestSession,
  options: { seconds: number; hostileTokens?: readonly string[]; intervalMs?: number; warmUpMs?: number },
): Promise<LatencyFigures> {
  const { seconds, intervalMs = 40, warmUpMs = 1000 } = options;
  const clients: SyncClient[] = [];
  try {
    const writer = await enterAs(server, documentId, writerSession, clients);
    const reader = await enterAs(server, documentId, readerSession, clients);
    const { principal } = writerSession;
    const record = createProposal(writer.doc, {
      delegation: principal.delegation as DelegationId,
      personId: principal.personId,
      personName: principal.name,
    });
    const sent: number[] = [];
    const latencies: number[] = [];
    const warmUp = Math.ceil(warmUpMs / intervalMs);
    let arrived = 0;
    const start = bodyText(reader.doc).length;
    bodyText(reader.doc).observe(() => {
      const now = performance.now();
      const length = bodyText(reader.doc).length - start;
      for (; arrived < length && arrived < sent.length; arrived++) {
        if (arrived >= warmUp) latencies.push(now - sent[arrived]!);
      }
    });
    const hostile = options.hostileTokens?.length
      ? await startHostileSockets(server, documentId, options.hostileTokens)
      : null;
    const edits = warmUp + Math.round((seconds * 1000) / intervalMs);
    const text = bodyText(writer.doc);
    const position = text.length - 1;
    for (let i = 0; i < edits; i++) {
      sent.push(performance.now());
      text.insert(position + i, 'x', { insertion: { proposal: record.id } });
      await sleep(intervalMs);
    }
    const deadline = performance.now() + 10_000;
    while (arrived < edits && performance.now() < deadline) await sleep(20);
    const counts = hostile ? await hostile.stop() : null;
    if (writer.closes.length > 0)
      throw new Error(`the honest writer was closed: ${JSON.stringify(writer.closes)}`);
    const sorted = latencies.sort((a, b) => a - b);
    return {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? Number.NaN,
      edits,
      lost: edits - arrived,
      hostile: counts,
    };
  } finally {
    for (const client of clients) client.destroy();
  }
}

/** The treaty the refusal scenario and its test write into. */
const REFUSAL_DRAFT = 'Draft convention\n\nArticle 1\nScope\n1. This Convention applies to cooperation.\n';

/**
 * The refusal scenario's world in `negotiation`: a treaty created by `chair`, an honest writer (USA) and a
 * reader (FRA), and the sessions of 20 hostile delegates (RUS), one person each.
 */
export async function refusalWorld(server: RunningServer, negotiation: string, chair: TestSession) {
  const documentId = await createDocumentAs(server, chair, REFUSAL_DRAFT);
  const writer = await signIn(server.access, negotiation, 'delegate', 'USA', 'John');
  const reader = await signIn(server.access, negotiation, 'delegate', 'FRA', 'Marie');
  const hostileTokens: string[] = [];
  for (let i = 0; i < 20; i++) {
    hostileTokens.push((await signIn(server.access, negotiation, 'delegate', 'RUS', `Attacker ${i}`)).token);
  }
  return { documentId, writer, reader, hostileTokens };
}

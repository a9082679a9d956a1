import { performance } from 'node:perf_hooks';
import { treatyFragment, treatyToYDoc, YDOC_LAYOUT } from '@travaux/shared';
import * as Y from 'yjs';
import { generateConvention } from '../convention.ts';
import type { BenchClient, BenchServer } from './servers.ts';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Longer than the unload grace the benchmark gives Travaux (servers.ts), plus the unload's compaction. */
const UNLOAD_WAIT_MS = 1500;
export const tick = () => new Promise((resolve) => setImmediate(resolve));

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

export async function connectAll(
  server: BenchServer,
  document: string,
  count: number,
): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  for (let i = 0; i < count; i += 25) {
    const batch = Array.from({ length: Math.min(25, count - i) }, () => server.connect(document));
    await Promise.all(batch.map((c) => c.synced()));
    clients.push(...batch);
  }
  return clients;
}

/**
 * Before each measured window the writer runs for this long, unmeasured: the first second's edits measured
 * the JIT compiling both sides (the slowest deliveries of every server were its first few edits, 25 to 53 ms
 * against a p99 of 15 to 20).
 */
export const WARM_UP_MS = 1000;

/**
 * Scenario 1: one writer at 20 edits/s, `n` clients in all; latency of each delivery and lost edits, after a
 * warm-up second (`WARM_UP_MS`) whose edits count for loss but not for latency.
 */
export async function fanOut(server: BenchServer, n: number, seconds = 5) {
  const document = await server.newDocument();
  const [writer, ...readers] = await connectAll(server, document, n);
  const warmUp = WARM_UP_MS / 50;
  const latencies: number[] = [];
  const received = readers.map(() => 0);
  readers.forEach((reader, index) => {
    reader.doc.getArray<[number, number]>('edits').observe((event) => {
      const now = performance.now();
      for (const item of event.changes.added) {
        for (const value of item.content.getContent() as [number, number][]) {
          if (value[0] >= warmUp) latencies.push(now - value[1]);
          received[index]!++;
        }
      }
    });
  });
  const edits = warmUp + seconds * 20;
  for (let seq = 0; seq < edits; seq++) {
    writer!.doc.getArray<[number, number]>('edits').push([[seq, performance.now()]]);
    await sleep(50);
  }
  const deadline = performance.now() + 5000;
  while (received.some((r) => r < edits) && performance.now() < deadline) await sleep(20);
  for (const c of [writer!, ...readers]) c.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    lost: received.reduce((sum, r) => sum + (edits - r), 0),
  };
}

/**
 * Scenario 2: one writer as fast as it can, 50 readers: edits/s delivered to all, server CPU per edit. The
 * window starts after a warm-up second (`WARM_UP_MS`) of the same writing, once every reader has caught up.
 */
export async function throughput(server: BenchServer, readersCount = 50, seconds = 3) {
  const document = await server.newDocument();
  const [writer, ...readers] = await connectAll(server, document, readersCount + 1);
  const received = readers.map(() => 0);
  readers.forEach((reader, index) => {
    reader.doc.getArray<number>('edits').observe((event) => {
      for (const item of event.changes.added) received[index]! += item.content.getLength();
    });
  });
  let written = 0;
  /** Writes for `ms`, then waits until every reader has all of it (at most 10 s). */
  const write = async (ms: number) => {
    const start = performance.now();
    while (performance.now() - start < ms) {
      writer!.doc.getArray<number>('edits').push([written++]);
      await tick();
    }
    const deadline = performance.now() + 10_000;
    while (received.some((r) => r < written) && performance.now() < deadline) await sleep(20);
  };
  await write(WARM_UP_MS);
  const warmUp = written;
  const deliveredBefore = Math.min(...received);
  const cpuBefore = server.cpuMs();
  const start = performance.now();
  await write(seconds * 1000);
  const elapsed = (performance.now() - start) / 1000;
  const cpu = server.cpuMs() - cpuBefore;
  const delivered = Math.min(...received);
  for (const c of [writer!, ...readers]) c.destroy();
  return {
    editsPerSecond: (delivered - deliveredBefore) / elapsed,
    cpuMicrosPerEdit: (cpu * 1000) / (written - warmUp),
    lost: written - delivered,
  };
}

/** The generated convention (about 30,000 words in 70 articles) as a Y.Doc, built once: the text to rebuild. */
let convention: Y.Doc | null = null;

function plainText(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');
}

/**
 * Writes the generated convention into `client`'s document the way a drafting session would: each article
 * inserted as an empty skeleton (its elements and attributes, no text), then its text typed two words at a
 * time, each a transaction of its own (so an update sent to the server). About 15,000 edits in all. Whatever
 * the document held before (Travaux creates it with a title and an empty article) is replaced by the first.
 */
export function buildConvention(client: BenchClient): number {
  convention ??= treatyToYDoc(generateConvention());
  const source = treatyFragment(convention);
  const target = client.doc.getXmlFragment(YDOC_LAYOUT.treaty);
  const { XmlElement, XmlText } = client.Y;
  let edits = 0;
  for (let index = 0; index < source.length; index++) {
    const texts: [Y.XmlText, string][] = [];
    const skeleton = (node: Y.XmlElement | Y.XmlText): Y.XmlElement | Y.XmlText => {
      if (node instanceof Y.XmlText) {
        const empty = new XmlText();
        texts.push([empty, plainText(node)]);
        return empty;
      }
      const element = new XmlElement(node.nodeName);
      for (const [key, value] of Object.entries(node.getAttributes()))
        element.setAttribute(key, value as string);
      element.insert(0, (node.toArray() as (Y.XmlElement | Y.XmlText)[]).map(skeleton));
      return element;
    };
    const block = skeleton(source.get(index) as Y.XmlElement);
    client.doc.transact(() => {
      if (index === 0) target.delete(0, target.length);
      target.insert(target.length, [block]);
    });
    edits++;
    for (const [text, content] of texts) {
      const words = content.split(/(?<= )/);
      for (let w = 0; w < words.length; w += 2) {
        text.insert(text.length, words.slice(w, w + 2).join(''));
        edits++;
      }
    }
  }
  return edits;
}

/**
 * Waits until the server has been idle for a whole `idleMs` window: under 3% of a core for a second, then a
 * window of `idleMs` in which it used under 30 ms of CPU, repeated until one is (at most 2 minutes). Two things
 * would otherwise be counted as memory the loaded documents hold: V8 keeps the pages it freed in a pool and
 * shrinks its young generation only after a few idle seconds (its memory reducer; 30 MiB and more after
 * building a few documents), and a server's deferred work (Travaux checkpoints each document 30 s after its
 * last edit) leaves garbage and grown pools behind it. The same wait for every server; then a full collection.
 */
async function settle(server: BenchServer, idleMs = 10_000): Promise<void> {
  const deadline = performance.now() + 120_000;
  for (;;) {
    for (;;) {
      const cpu = server.cpuMs();
      await sleep(1000);
      if (server.cpuMs() - cpu < 30 || performance.now() > deadline) break;
    }
    const cpu = server.cpuMs();
    await sleep(idleMs);
    if (server.cpuMs() - cpu < 30 || performance.now() > deadline) break;
  }
  await server.collectGarbage();
}

/** Whether `b` holds every edit `a` holds (their state vectors are the same); `a` may be a state vector. */
function caughtUp(a: BenchClient | Uint8Array, b: BenchClient): boolean {
  const expected = a instanceof Uint8Array ? a : a.Y.encodeStateVector(a.doc);
  return Buffer.compare(expected, b.Y.encodeStateVector(b.doc)) === 0;
}

/**
 * Scenario 3: the generated 30,000-word, 70-article convention built from about 15,000 small edits
 * (`buildConvention`): the median time for a fresh client to sync (9 tries); RSS with 1 and `documents` such
 * texts loaded, each read once the server has settled (`settle`).
 */
export async function coldLoad(server: BenchServer, documents = 20) {
  const writers: BenchClient[] = [];
  const names: string[] = [];
  await settle(server);
  const rssStart = server.rssBytes();
  const memoryStart = server.memory();
  let rssOne = 0;
  let edits = 0;
  for (let d = 0; d < documents; d++) {
    const name = await server.newDocument();
    const writer = server.connect(name);
    await writer.synced();
    edits = buildConvention(writer);
    writers.push(writer);
    names.push(name);
    // Wait until the server has it: a second client sees the whole text.
    const probe = server.connect(name);
    await probe.synced();
    const deadline = performance.now() + 60_000;
    while (!caughtUp(writer, probe) && performance.now() < deadline) await sleep(20);
    if (!caughtUp(writer, probe))
      throw new Error(`${server.kind} did not take the convention's ${edits} edits`);
    probe.destroy();
    if (d === 0) {
      await settle(server);
      rssOne = server.rssBytes() - rssStart;
    }
  }
  await settle(server);
  const rssAll = server.rssBytes() - rssStart;
  const memoryAll = server.memory();
  /** Growth per document of one `process.memoryUsage()` field, in MiB. */
  const perDoc = (field: keyof NodeJS.MemoryUsage) =>
    ((memoryAll[field] ?? Number.NaN) - (memoryStart[field] ?? Number.NaN)) / documents / 1024 / 1024;
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const start = performance.now();
    const fresh = server.connect(names[0]!);
    await fresh.synced();
    const deadline = performance.now() + 30_000;
    while (!caughtUp(writers[0]!, fresh) && performance.now() < deadline) await sleep(1);
    times.push(performance.now() - start);
    fresh.destroy();
  }
  // Travaux only (the references keep nothing once the last client leaves): a truly cold open, the room unloaded
  // (its log compacted into a snapshot) and loaded again from SQLite for the next client.
  const reloads: number[] = [];
  if (server.kind === 'travaux' || server.kind === 'travaux-base') {
    const reference = writers[0]!.Y.encodeStateVector(writers[0]!.doc);
    writers[0]!.destroy();
    for (let i = 0; i < 5; i++) {
      await sleep(UNLOAD_WAIT_MS);
      const start = performance.now();
      const fresh = server.connect(names[0]!);
      await fresh.synced();
      const deadline = performance.now() + 30_000;
      while (!caughtUp(reference, fresh) && performance.now() < deadline) await sleep(1);
      reloads.push(performance.now() - start);
      fresh.destroy();
    }
  }
  for (const w of writers) w.destroy();
  const sorted = times.sort((a, b) => a - b);
  return {
    reloadMs: percentile(
      reloads.sort((a, b) => a - b),
      50,
    ),
    syncMs: percentile(sorted, 50),
    rssPerDocMiB: rssAll / documents / 1024 / 1024,
    rssOneDocMiB: rssOne / 1024 / 1024,
    // Each document after the first: without what the first one warms up once (code, caches, heap reserve).
    rssNextDocMiB: documents > 1 ? (rssAll - rssOne) / (documents - 1) / 1024 / 1024 : Number.NaN,
    // What each loaded document holds in the V8 heap (after a full collection): Y.Doc, room, indexes.
    heapPerDocMiB: perDoc('heapUsed'),
    // Where the rest of the RSS is: the V8 heap's reserve (total minus used) and memory outside it.
    heapTotalPerDocMiB: perDoc('heapTotal'),
    externalPerDocMiB: perDoc('external'),
    arrayBuffersPerDocMiB: perDoc('arrayBuffers'),
  };
}

/**
 * Scenario 5: the memory of an idle connection. One document is loaded and `count` clients join it and stay
 * idle (a warm-up: compiled code, caches and heap reserves grow once, not per connection); then `groups` more
 * groups of `count` join, one after the other. RSS is read after a full collection before the first group and
 * after each; the figure is the slope of RSS against connections over all those readings. Allocators and V8
 * grow their reserves in steps that later groups fill, and malloc trims its arenas now and then, so any one
 * group's growth says little (measured with one group only, the figure swung between 20 and 38 KiB from run to
 * run for the same server). Run first, in a fresh process, so that nothing freed by an earlier scenario is
 * counted against it.
 */
export async function idleConnections(server: BenchServer, count = 300, groups = 4) {
  const document = await server.newDocument();
  const join = (n: number) => connectAll(server, document, n);
  const clients = await join(count);
  const rss: number[] = [];
  const heap: number[] = [];
  const readMemory = async () => {
    await sleep(500);
    await server.collectGarbage();
    rss.push(server.rssBytes());
    heap.push(server.heapUsedBytes());
  };
  await readMemory();
  for (let group = 0; group < groups; group++) {
    clients.push(...(await join(count)));
    await readMemory();
  }
  for (const c of clients) c.destroy();
  // The least-squares slope of memory against the number of connections. RSS moved by up to ±9 MiB between two
  // readings as malloc's arenas grew and were trimmed: the median of the groups' growths (the figure before
  // 28 November) gave 9 to 31 KiB per connection for the same server.
  const perConnection = (values: number[]) => {
    const xs = values.map((_, index) => index * count);
    const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
    const meanY = values.reduce((a, b) => a + b, 0) / values.length;
    let num = 0;
    let den = 0;
    for (let i = 0; i < values.length; i++) {
      num += (xs[i]! - meanX) * (values[i]! - meanY);
      den += (xs[i]! - meanX) ** 2;
    }
    return num / den / 1024;
  };
  return {
    kiBPerConnection: perConnection(rss),
    heapKiBPerConnection: perConnection(heap),
  };
}

/** Scenario 4: 100 documents × 5 clients, each editing twice a second: server RSS and CPU. */
export async function manyDocuments(server: BenchServer, documents = 100, perDocument = 5, seconds = 5) {
  const clients: BenchClient[] = [];
  for (let d = 0; d < documents; d++)
    clients.push(...(await connectAll(server, await server.newDocument(), perDocument)));
  const cpuBefore = server.cpuMs();
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < seconds * 1000) {
    for (const client of clients) if (Math.random() < 0.1) client.doc.getText('t').insert(0, `e${n++} `);
    await sleep(50);
  }
  const cpuPercent = ((server.cpuMs() - cpuBefore) / (performance.now() - start)) * 100;
  const rss = server.rssBytes();
  for (const c of clients) c.destroy();
  return {
    rssMiB: rss / 1024 / 1024,
    cpuPercent,
    edits: n,
  };
}

import {
  CloseCode,
  type DocumentId,
  parseTreatyText,
  treatyFragment,
  treatyTitle,
  treatyToYDoc,
} from '@travaux/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { InProcessFanout } from '../fanout/in-process-fanout.ts';
import { silentLogger } from '../log.ts';
import { MemoryDocumentStore } from '../persistence/memory-store.ts';
import { TestPeer } from '../test-support/peer.ts';
import { permissiveGuard, testAuthor } from './guard.ts';
import { encodeSyncUpdate } from './messages.ts';
import { RoomManager, type RoomManagerOptions } from './room-manager.ts';

/** The real memory store, instrumented: loads can be held back, and appends are counted. */
class InstrumentedStore extends MemoryDocumentStore {
  loadGate: Promise<void> | null = null;
  appendGate: Promise<void> | null = null;
  appends = 0;
  loads = 0;
  failAppends = false;

  override async loadDocument(id: DocumentId) {
    this.loads += 1;
    await this.loadGate;
    return super.loadDocument(id);
  }

  override async appendUpdates(id: DocumentId, updates: readonly Uint8Array[]) {
    if (this.failAppends) throw new Error('disk full');
    await this.appendGate;
    const seq = await super.appendUpdates(id, updates);
    this.appends += 1;
    return seq;
  }
}

const DOC = 'doc-1' as DocumentId;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** A few event-loop turns, after a wait longer than the spacing between two commits of a room (2 ms). */
async function turns(count = 5) {
  await new Promise((resolve) => setTimeout(resolve, 5));
  for (let i = 0; i < count; i++) await turn();
}

let store: InstrumentedStore;
let manager: RoomManager;
let peers: TestPeer[];

async function setup(options: Partial<RoomManagerOptions> = {}) {
  store = new InstrumentedStore();
  await store.createDocument({ id: DOC, title: 'Draft' });
  manager = new RoomManager({
    store,
    fanout: new InProcessFanout(),
    logger: silentLogger,
    compactEvery: 1000,
    maxBufferedBytes: 1 << 24,
    unloadGraceMs: 20,
    guard: permissiveGuard(),
    // Room mechanics with a generic Y.Text, not a treaty.
    checkShape: false,
    ...options,
  });
  peers = [];
}

function join(author = testAuthor('peer')): TestPeer {
  const peer = new TestPeer();
  peer.handler = manager.connect(DOC, peer, author);
  peers.push(peer);
  return peer;
}

afterEach(async () => {
  await manager.closeAll();
  for (const peer of peers) peer.destroy();
});

describe('RoomManager and Room', () => {
  it('queues frames that arrive while the document loads and greets first, then answers them', async () => {
    await setup();
    let release = () => {};
    store.loadGate = new Promise((resolve) => {
      release = resolve;
    });
    const peer = join();
    peer.sendSyncStep1();
    peer.type('Article 1');
    await turns();
    expect(peer.received).toEqual([]);
    expect(store.appends).toBe(0);
    release();
    await turns();
    // Sync step 1 from the server, then the answer (step 2) to the queued step 1.
    expect(peer.kinds().slice(0, 2)).toEqual(['0/0', '0/1']);
    expect(store.appends).toBe(1);
    expect(await manager.read(DOC, (doc) => doc.getText('text').toString())).toBe('Article 1');
  });

  it('commits before it broadcasts, one store transaction per event-loop turn', async () => {
    await setup();
    const writer = join();
    const reader = join();
    await turns();
    const appendsWhenReceived: number[] = [];
    reader.onFrame = () => appendsWhenReceived.push(store.appends);
    writer.type('1. ');
    writer.type('States Parties ');
    writer.type('shall cooperate.');
    await turns();
    expect(store.appends).toBe(1);
    expect(appendsWhenReceived).toEqual([1]);
    expect(reader.text()).toBe('1. States Parties shall cooperate.');
    // The writer is not sent its own edits back.
    expect(writer.kinds().filter((kind) => kind === '0/2')).toEqual([]);
    const stored = await store.loadDocument(DOC);
    expect(stored?.updates).toHaveLength(1);
  });

  it('holds a sync step 2 answer that holds uncommitted updates until they are stored (commit before send)', async () => {
    await setup();
    const writer = join();
    await turns();
    let release = () => {};
    store.appendGate = new Promise((resolve) => {
      release = resolve;
    });
    writer.type('pending words');
    await turns();
    const late = join();
    late.sendSyncStep1();
    await turns();
    expect(store.appends).toBe(0);
    expect(late.text()).toBe('');
    release();
    await turns();
    expect(store.appends).toBe(1);
    expect(late.text()).toBe('pending words');
  });

  it('SH9: takes back an update refused after part of it applied without reading the store again', async () => {
    await setup();
    const good = join();
    const bad = join();
    await turns();
    good.type('kept');
    await turns();
    // An update whose first part applies and whose second part lacks its dependency: refused (1007), and Yjs
    // cannot take back the part it applied.
    const orphan = new Y.Doc();
    orphan.getText('text').insert(0, 'orphan ');
    const gap = new Y.Doc();
    gap.getText('text').insert(0, 'x');
    const seen = Y.encodeStateVector(gap);
    gap.getText('text').insert(1, 'y');
    bad.deliver(
      encodeSyncUpdate(Y.mergeUpdates([Y.encodeStateAsUpdate(orphan), Y.encodeStateAsUpdate(gap, seen)])),
    );
    await turns();
    expect(bad.closed?.code).toBe(CloseCode.MalformedMessage);
    good.type(' and more');
    await turns();
    expect(await manager.read(DOC, (doc) => doc.getText('text').toString())).toBe('kept and more');
    expect(store.loads).toBe(1);
    const late = join();
    late.sendSyncStep1();
    await turns();
    expect(late.text()).toBe('kept and more');
  });

  it('SH9: an update refused after it applied (a second title, SH3) is taken out in the same turn: no store read, uncommitted edits of others kept', async () => {
    await setup({ checkShape: true });
    const parsed = parseTreatyText('Draft\n\nArticle 1\nScope\n1. Text.\n');
    if (!parsed.ok) throw new Error('the treaty text does not parse');
    await store.appendUpdates(DOC, [Y.encodeStateAsUpdate(treatyToYDoc(parsed.doc))]);
    store.appends = 0;
    // The chair writes the title; a delegate sends the second title.
    const good = join({ ...testAuthor('chair'), role: 'chair' });
    const bad = join();
    const reader = join();
    for (const peer of [good, bad, reader]) peer.sendSyncStep1();
    await turns();
    const title = () => treatyFragment(good.doc).get(0) as Y.XmlElement;
    const blocks = treatyFragment(reader.doc).length;
    const send = (peer: TestPeer, edit: () => void) => {
      const before = Y.encodeStateVector(peer.doc);
      edit();
      peer.deliver(encodeSyncUpdate(Y.encodeStateAsUpdate(peer.doc, before)));
    };
    // The good edit is admitted but not yet stored when the refusal comes.
    let release = () => {};
    store.appendGate = new Promise((resolve) => {
      release = resolve;
    });
    send(good, () => (title().get(0) as Y.XmlText).insert(5, ' convention'));
    send(bad, () => {
      const second = new Y.XmlElement('title');
      second.insert(0, [new Y.XmlText('Another')]);
      treatyFragment(bad.doc).insert(treatyFragment(bad.doc).length, [second]);
    });
    expect(bad.closed?.code).toBe(CloseCode.ShapeViolation);
    expect(bad.closed?.reason).toMatch(/^SH3/);
    release();
    await turns();
    expect(store.loads).toBe(1);
    expect(good.closed).toBeNull();
    expect(treatyTitle(reader.doc)).toBe('Draft convention');
    expect(treatyFragment(reader.doc).length).toBe(blocks);
    send(good, () => (title().get(0) as Y.XmlText).insert(0, 'A '));
    await turns();
    expect(treatyTitle(reader.doc)).toBe('A Draft convention');
    // Only the room's first load read the store (the read below is the test's own).
    expect(store.loads).toBe(1);
    const stored = await store.loadDocument(DOC);
    const reloaded = new Y.Doc();
    for (const update of stored!.updates) Y.applyUpdate(reloaded, update);
    const live = await manager.read(DOC, (doc) => Y.encodeStateAsUpdate(doc));
    const fromLive = new Y.Doc();
    Y.applyUpdate(fromLive, live);
    expect(Y.encodeStateVector(fromLive)).toEqual(Y.encodeStateVector(reloaded));
    expect(treatyFragment(fromLive).length).toBe(blocks);
    const late = join();
    late.sendSyncStep1();
    await turns();
    expect(treatyTitle(late.doc)).toBe('A Draft convention');
  });

  it('closes only the sender of a malformed update; nothing of it is stored or relayed', async () => {
    await setup();
    const good = join();
    const bad = join();
    await turns();
    good.type('agreed text');
    await turns();
    const before = await store.loadDocument(DOC);
    bad.deliver(new Uint8Array([0, 2, 5, 1, 2, 200, 7, 7]));
    bad.type('after the bad frame');
    await turns();
    expect(bad.closed?.code).toBe(CloseCode.MalformedMessage);
    expect(good.closed).toBeNull();
    expect(await store.loadDocument(DOC)).toEqual(before);
    expect(good.text()).toBe('agreed text');
    good.type(' and more');
    await turns();
    expect(await manager.read(DOC, (doc) => doc.getText('text').toString())).toBe('agreed text and more');
  });

  it('relays presence to the others and removes it when its connection leaves', async () => {
    await setup();
    const amina = join();
    const pierre = join();
    await turns();
    amina.announce({ name: 'Amina', delegation: 'KEN' });
    // The server stamps `user` from the connection's author (AC10), whatever the client put there.
    const stamped = {
      name: 'Amina',
      delegation: 'KEN',
      user: { name: 'peer', delegationId: '', role: 'delegate' },
    };
    expect(pierre.awareness.getStates().get(amina.doc.clientID)).toEqual(stamped);
    const late = join();
    await turns();
    expect(late.awareness.getStates().get(amina.doc.clientID)).toEqual(stamped);
    amina.handler?.onClose();
    expect(pierre.awareness.getStates().has(amina.doc.clientID)).toBe(false);
    expect(late.awareness.getStates().has(amina.doc.clientID)).toBe(false);
  });

  it('compacts after compactEvery logged updates, keeping every edit, and runs afterCompact', async () => {
    const compacted: string[] = [];
    await setup({
      compactEvery: 3,
      afterCompact: (_id, doc) => {
        compacted.push(doc.getText('text').toString());
      },
    });
    const peer = join();
    await turns();
    // Each word its own commit (commits of a room start at least 2 ms apart; `turns` waits longer).
    for (const word of ['a', 'b', 'c', 'd']) {
      peer.type(word);
      await turns();
    }
    await turns();
    const stored = await store.loadDocument(DOC);
    expect(stored?.snapshot).not.toBeNull();
    expect(stored?.updates.length).toBeLessThan(3);
    expect(compacted.length).toBeGreaterThanOrEqual(1);
    const reloaded = new Y.Doc();
    for (const update of [stored!.snapshot!, ...stored!.updates]) Y.applyUpdate(reloaded, update);
    expect(reloaded.getText('text').toString()).toBe('abcd');
  });

  it('unloads after the grace period and reloads an identical document; a return in time cancels it', async () => {
    await setup({ unloadGraceMs: 30 });
    const peer = join();
    await turns();
    peer.type('Article 2');
    await turns();
    const live = await manager.read(DOC, (doc) => Y.encodeStateAsUpdate(doc));
    peer.handler?.onClose();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const back = join();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(manager.loadedDocuments()).toEqual([DOC]);
    back.handler?.onClose();
    await new Promise((resolve) => setTimeout(resolve, 60));
    await manager.settled(DOC);
    expect(manager.loadedDocuments()).toEqual([]);
    expect((await store.loadDocument(DOC))?.updates).toEqual([]);
    const reloaded = await manager.read(DOC, (doc) => Y.encodeStateAsUpdate(doc));
    expect(reloaded).toEqual(live);
  });

  it('closeAll flushes admitted updates and closes connections with GoingAway', async () => {
    await setup();
    const peer = join();
    await turns();
    peer.type('last words');
    await manager.closeAll();
    expect(peer.closed?.code).toBe(CloseCode.GoingAway);
    const stored = await store.loadDocument(DOC);
    const doc = new Y.Doc();
    for (const update of stored?.snapshot ? [stored.snapshot, ...stored.updates] : (stored?.updates ?? [])) {
      Y.applyUpdate(doc, update);
    }
    expect(doc.getText('text').toString()).toBe('last words');
  });

  it('closes connections to a document that does not exist with DocumentNotFound', async () => {
    await setup();
    const peer = new TestPeer();
    peers.push(peer);
    peer.handler = manager.connect('missing' as DocumentId, peer, testAuthor('peer'));
    await turns();
    expect(peer.closed?.code).toBe(CloseCode.DocumentNotFound);
    await expect(manager.read('missing' as DocumentId, () => 1)).rejects.toThrow('no document missing');
  });

  it('when the store refuses a batch, closes its senders with InternalError and broadcasts nothing', async () => {
    await setup();
    const writer = join();
    const reader = join();
    await turns();
    store.failAppends = true;
    writer.type('lost until resent');
    await turns();
    expect(writer.closed?.code).toBe(CloseCode.InternalError);
    expect(reader.closed).toBeNull();
    expect(reader.text()).toBe('');
    store.failAppends = false;
    // The writer reconnects; its sync step 2 carries the edit again, and this time it is stored and relayed.
    writer.handler?.onClose();
    const again = new TestPeer();
    peers.push(again);
    Y.applyUpdate(again.doc, Y.encodeStateAsUpdate(writer.doc));
    again.handler = manager.connect(DOC, again, testAuthor('peer'));
    await turns();
    expect(reader.text()).toBe('lost until resent');
  });

  it('closes a connection that stopped reading (send buffer over the limit) with GoingAway', async () => {
    await setup({ maxBufferedBytes: 1000 });
    const writer = join();
    const stalled = join();
    await turns();
    stalled.bufferedAmount = 5000;
    writer.type('x');
    await turns();
    expect(stalled.closed).toEqual({
      code: CloseCode.GoingAway,
      reason: 'send buffer full; reconnect to resync',
    });
    expect(writer.closed).toBeNull();
  });
});

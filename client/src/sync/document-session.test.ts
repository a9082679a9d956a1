import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@travaux/server/src/log.ts';
import { type RunningServer, startServer } from '@travaux/server/src/server.ts';
import { newNegotiation, signIn } from '@travaux/server/src/test-support/roster.ts';
import {
  createProposal,
  type DelegationId,
  type DocumentId,
  delegationColor,
  treatyFragment,
} from '@travaux/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { FlushScheduler } from '../app/after-next-paint.ts';
import { roomUserFor } from '../features/presence/room-user.ts';
import { deriveConnection } from './connection-state.ts';
import { DocumentSession } from './document-session.ts';

// The client's session against the real server (real SQLite in a temp dir, real sockets): connection phases,
// the unsynced-changes count, and offline edits merging with what others wrote meanwhile.

const DRAFT = 'Draft convention\n\nArticle 1\nScope\n1. This Convention applies.\n';

let server: RunningServer;
let dataDir: string;
let negotiation: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'travaux-client-session-'));
  server = await startServer({ port: 0, dataDir, seedDemo: false, logger: silentLogger, unloadGraceMs: 50 });
  negotiation = await newNegotiation(server.access);
});

afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function createDocument(): Promise<DocumentId> {
  const chair = await signIn(server.access, negotiation, 'chair', null, 'Chair');
  const response = await fetch(`${server.url}/api/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${chair.token}` },
    body: JSON.stringify({ text: DRAFT }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { document: { id: DocumentId } }).document.id;
}

/** Who each test session is, to record its proposals under the right person and delegation. */
const authors = new WeakMap<DocumentSession, { personId: string; delegation: DelegationId; name: string }>();

async function open(
  documentId: DocumentId,
  name: string,
  delegationId: string,
  remoteBatching?: FlushScheduler,
): Promise<DocumentSession> {
  const { token, principal } = await signIn(server.access, negotiation, 'delegate', delegationId, name);
  const session = new DocumentSession(documentId, roomUserFor(name, delegationId), {
    serverUrl: `${server.url.replace(/^http/, 'ws')}/sync`,
    token,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    ...(remoteBatching ? { remoteBatching } : {}),
  });
  authors.set(session, { personId: principal.personId, delegation: delegationId as DelegationId, name });
  return session;
}

async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Appends `text` to the body of the first paragraph as a proposal of the session's delegation (PR1). */
function typeIntoFirstParagraph(session: DocumentSession, text: string): void {
  const author = authors.get(session)!;
  const body = treatyFragment(session.ydoc)
    .createTreeWalker((node) => node instanceof Y.XmlElement && node.nodeName === 'body')
    .next().value as Y.XmlElement;
  const textNode = body.get(0) as Y.XmlText;
  const proposal = createProposal(session.ydoc, {
    delegation: author.delegation,
    personId: author.personId,
    personName: author.name,
  });
  textNode.insert(textNode.length, text, { insertion: { proposal: proposal.id } });
}

function firstParagraphText(session: DocumentSession): string {
  const body = treatyFragment(session.ydoc)
    .createTreeWalker((node) => node instanceof Y.XmlElement && node.nodeName === 'body')
    .next().value as Y.XmlElement;
  // The plain text, without the XML of the proposal marks that toString() would write.
  return (body.get(0) as Y.XmlText)
    .toDelta()
    .map((op: { insert: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');
}

describe('DocumentSession against the real server', () => {
  it('goes from connecting to connected once the stored text is in', async () => {
    const id = await createDocument();
    const session = await open(id, 'Anna Petrova', 'RUS');
    try {
      expect(deriveConnection(session.getConnection())).toBe('connecting');
      await until('connected', () => deriveConnection(session.getConnection()) === 'connected');
      expect(session.getConnection().everSynced).toBe(true);
      expect(firstParagraphText(session)).toBe('This Convention applies.');
    } finally {
      session.destroy();
    }
  });

  it('counts edits made while disconnected and merges them with others’ edits on reconnect', async () => {
    const id = await createDocument();
    const russia = await open(id, 'Anna Petrova', 'RUS');
    const usa = await open(id, 'John Miller', 'USA');
    try {
      await until('both connected', () =>
        [russia, usa].every((s) => deriveConnection(s.getConnection()) === 'connected'),
      );

      russia.provider.disconnect();
      await until('russia disconnected', () => deriveConnection(russia.getConnection()) !== 'connected');
      expect(deriveConnection(russia.getConnection())).toBe('reconnecting');

      typeIntoFirstParagraph(russia, ' It binds States Parties.');
      typeIntoFirstParagraph(russia, ' It enters into force later.');
      expect(russia.getConnection().unsynced).toBe(4); // two proposals: each a record and its marked text
      typeIntoFirstParagraph(usa, ' [US edit]');

      russia.provider.connect();
      await until('russia live again', () => deriveConnection(russia.getConnection()) === 'connected');
      expect(russia.getConnection().unsynced).toBe(0);

      const merged = (s: DocumentSession) => {
        const text = firstParagraphText(s);
        return (
          text.includes(' It binds States Parties. It enters into force later.') &&
          text.includes(' [US edit]')
        );
      };
      await until('both hold both edits', () => merged(russia) && merged(usa));
      expect(firstParagraphText(russia)).toBe(firstParagraphText(usa));

      // The server stored the merge: a fresh session reads it back.
      const late = await open(id, 'Li Wei', 'CHN');
      try {
        await until('late joiner synced', () => late.getConnection().everSynced);
        expect(firstParagraphText(late)).toBe(firstParagraphText(usa));
      } finally {
        late.destroy();
      }
    } finally {
      russia.destroy();
      usa.destroy();
    }
  });

  it('shows the others the person, delegation, role and colour the server stamped', async () => {
    const id = await createDocument();
    const russia = await open(id, 'Anna Petrova', 'RUS');
    const usa = await open(id, 'John Miller', 'USA');
    try {
      await until('usa sees russia', () =>
        [...usa.provider.awareness.getStates().values()].some(
          (state) => (state as { user?: { name?: string } }).user?.name === 'Anna Petrova',
        ),
      );
      const seen = [...usa.provider.awareness.getStates().values()]
        .map((state) => (state as { user?: unknown }).user)
        .find((user) => (user as { name?: string } | undefined)?.name === 'Anna Petrova');
      // Stamped by the server from the session (AC10), not taken from what the client published.
      expect(seen).toEqual({
        name: 'Anna Petrova',
        delegationId: 'RUS',
        role: 'delegate',
        color: delegationColor('RUS'),
      });
    } finally {
      russia.destroy();
      usa.destroy();
    }
  });

  it('applies the edits the server relays in one transaction per batch, merged with local edits made meanwhile', async () => {
    const id = await createDocument();
    // A scheduler the test fires by hand, standing for the browser's next animation frame.
    const scheduled: (() => void)[] = [];
    const byHand: FlushScheduler = (flush) => {
      scheduled.push(flush);
      return () => scheduled.splice(scheduled.indexOf(flush), 1);
    };
    const russia = await open(id, 'Anna Petrova', 'RUS', byHand);
    const usa = await open(id, 'John Miller', 'USA');
    try {
      await until('both connected', () =>
        [russia, usa].every((s) => deriveConnection(s.getConnection()) === 'connected'),
      );
      const remoteTransactions: number[] = [];
      russia.ydoc.on('afterTransaction', (transaction: Y.Transaction) => {
        if (transaction.origin === russia.provider) remoteTransactions.push(transaction.changed.size);
      });

      typeIntoFirstParagraph(usa, ' One.');
      typeIntoFirstParagraph(usa, ' Two.');
      typeIntoFirstParagraph(usa, ' Three.');
      await until(
        'the server relayed the three edits',
        () => scheduled.length === 1 && usa.getConnection().unsynced === 0,
      );
      // Held: neither the document nor anything observing it has seen them yet, and one flush is scheduled.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(firstParagraphText(russia)).toBe('This Convention applies.');
      expect(scheduled).toHaveLength(1);

      // A local edit made while they are held is concurrent with them, as with any peer.
      typeIntoFirstParagraph(russia, ' Russian text.');
      scheduled.shift()!();
      expect(remoteTransactions).toHaveLength(1);
      const text = firstParagraphText(russia);
      for (const part of [' One. Two. Three.', ' Russian text.']) expect(text).toContain(part);

      await until('both hold the same text', () => firstParagraphText(usa) === firstParagraphText(russia));
      await until('russia saved', () => russia.getConnection().unsynced === 0);
    } finally {
      russia.destroy();
      usa.destroy();
    }
  });
});

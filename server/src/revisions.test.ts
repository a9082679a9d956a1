import { rmSync } from 'node:fs';
import {
  createProposal,
  type DelegationId,
  type DocumentId,
  decideProposals,
  readProposals,
  type TreatyDiff,
  treatyFragment,
} from '@travaux/shared';
import Database from 'better-sqlite3';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from './log.ts';
import { SqliteRevisionStore } from './persistence/revision-store.ts';
import { Checkpointer } from './revisions/checkpointer.ts';
import type { RunningServer } from './server.ts';
import { connectClient, type SyncClient, waitFor } from './test-support/clients.ts';
import { readDocx } from './test-support/docx-reader.ts';
import { startHarness } from './test-support/harness.ts';
import { signIn, type TestSession } from './test-support/roster.ts';

// Issue 6 against the real server: revisions, diffs attributed to delegations, Word and HTML exports, forks
// (SPEC RV rules).

const DRAFT =
  'Draft convention\n\nArticle 1\nScope\n1. This Convention applies to cooperation.\n2. Nothing affects sovereignty.\n';

let dir: string;
let server: RunningServer;
let negotiation: string;
let chair: TestSession;
let clients: SyncClient[];

beforeEach(async () => {
  ({ dir, server, negotiation, chair } = await startHarness('revisions'));
  clients = [];
});

afterEach(async () => {
  for (const client of clients) client.destroy();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function api(path: string, session: TestSession, init: RequestInit = {}) {
  return fetch(`${server.url}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
  });
}

async function json<T>(response: Promise<Response>, status = 200): Promise<T> {
  const answer = await response;
  expect(answer.status).toBe(status);
  return (await answer.json()) as T;
}

function bodyText(doc: Y.Doc, start: string): Y.XmlText {
  return treatyFragment(doc)
    .createTreeWalker((node) => node instanceof Y.XmlText && node.toString().startsWith(start))
    .next().value as Y.XmlText;
}

/** Rev.1, then a Russian insertion accepted and an American deletion accepted, then Rev.2. */
async function twoRevisions() {
  const { document } = await json<{ document: { id: DocumentId } }>(
    api('/api/documents', chair, { method: 'POST', body: JSON.stringify({ text: DRAFT }) }),
    201,
  );
  const rev1 = await json<{ revision: { id: string } }>(
    api(`/api/documents/${document.id}/revisions`, chair, {
      method: 'POST',
      body: JSON.stringify({ symbol: 'A/AC.1/L.2', title: 'Draft text', date: '2026-11-20', language: 'en' }),
    }),
    201,
  );
  const russia = await signIn(server.access, negotiation, 'delegate', 'RUS', 'Anna');
  const usa = await signIn(server.access, negotiation, 'delegate', 'USA', 'John');
  const ru = connectClient(server.url, document.id, russia.token);
  const us = connectClient(server.url, document.id, usa.token);
  const ch = connectClient(server.url, document.id, chair.token);
  clients.push(ru, us, ch);
  await Promise.all([ru.synced(), us.synced(), ch.synced()]);
  const ruProposal = createProposal(ru.doc, {
    delegation: 'RUS' as DelegationId,
    personId: russia.principal.personId,
    personName: 'Anna',
  });
  const first = bodyText(ru.doc, 'This');
  first.insert(first.length - 1, ' in criminal matters', { insertion: { proposal: ruProposal.id } });
  const usProposal = createProposal(us.doc, {
    delegation: 'USA' as DelegationId,
    personId: usa.principal.personId,
    personName: 'John',
  });
  bodyText(us.doc, 'Nothing').format(0, 'Nothing '.length, { deletion: { proposal: usProposal.id } });
  await waitFor('both proposals at the chair', () => readProposals(ch.doc).size === 2);
  decideProposals(ch.doc, [ruProposal.id, usProposal.id], 'accept', {
    personId: chair.principal.personId,
    name: 'Chair',
  });
  await waitFor('the decisions stored', async () => {
    const text = await (await api(`/api/documents/${document.id}/text`, chair)).text();
    return text.includes('in criminal matters') && !text.includes('Nothing affects');
  });
  const rev2 = await json<{ revision: { id: string } }>(
    api(`/api/documents/${document.id}/revisions`, chair, {
      method: 'POST',
      body: JSON.stringify({
        symbol: 'A/AC.1/L.2/Rev.1',
        title: 'Revised draft',
        date: '2026-11-22',
        language: 'en',
      }),
    }),
    201,
  );
  return { documentId: document.id, rev1: rev1.revision.id, rev2: rev2.revision.id };
}

describe('revisions and diffs', () => {
  it('RV1/RV3/RV6: an observer lists revisions and reads Rev.1 against Rev.2, each change attributed', async () => {
    const { documentId, rev1, rev2 } = await twoRevisions();
    const observer = await signIn(server.access, negotiation, 'observer', null, 'Olga');
    const { revisions } = await json<{ revisions: { id: string; symbol: string; kind: string }[] }>(
      api(`/api/documents/${documentId}/revisions`, observer),
    );
    expect(revisions.filter((r) => r.kind === 'revision').map((r) => r.symbol)).toEqual([
      'A/AC.1/L.2/Rev.1',
      'A/AC.1/L.2',
    ]);
    const { diff, from, to } = await json<{
      diff: TreatyDiff;
      from: Record<string, unknown>;
      to: Record<string, unknown>;
    }>(api(`/api/documents/${documentId}/diff?from=${rev1}&to=${rev2}`, observer));
    // Each side is described by its meta, never its Yjs state (which made a diff of a long text megabytes).
    expect(from).toMatchObject({ id: rev1, symbol: 'A/AC.1/L.2' });
    expect(to).toMatchObject({ id: rev2, symbol: 'A/AC.1/L.2/Rev.1' });
    expect(Object.keys(from)).not.toContain('state');
    expect(Object.keys(to)).not.toContain('state');
    // Asked again (served from the diffs kept for stored sides): the same answer.
    expect(
      await json<{ diff: TreatyDiff }>(
        api(`/api/documents/${documentId}/diff?from=${rev1}&to=${rev2}`, chair),
      ),
    ).toEqual({ diff, from, to });
    const changes = diff.blocks.flatMap((b) =>
      b.parts.filter((p) => p.type !== 'equal').map((p) => [p.type, p.text.trim(), p.author]),
    );
    expect(changes).toEqual([
      ['insert', 'in criminal matters', 'RUS'],
      ['delete', 'Nothing', 'USA'],
    ]);
    expect(diff.summary).toMatchObject({ wordsAdded: 3, wordsRemoved: 1, proposalsAccepted: 2 });
    const rev = await json<{ revision: { symbol: string }; treaty: { type: string } }>(
      api(`/api/documents/${documentId}/revisions/${rev1}`, observer),
    );
    expect(rev.revision.symbol).toBe('A/AC.1/L.2');
    expect(rev.treaty.type).toBe('doc');
  });

  it('RV8: only the chair issues revisions and forks; a fork is a new document and the original stays', async () => {
    const { documentId, rev1 } = await twoRevisions();
    const observer = await signIn(server.access, negotiation, 'observer', null, 'Olga');
    const delegate = await signIn(server.access, negotiation, 'delegate', 'CHN', 'Li');
    for (const session of [observer, delegate]) {
      const refused = await api(`/api/documents/${documentId}/revisions`, session, {
        method: 'POST',
        body: JSON.stringify({ symbol: 'X' }),
      });
      expect(refused.status).toBe(403);
    }
    const before = await (await api(`/api/documents/${documentId}/text`, chair)).text();
    const { document } = await json<{ document: { id: string } }>(
      api(`/api/documents/${documentId}/revisions/${rev1}/fork`, chair, { method: 'POST' }),
      201,
    );
    expect(document.id).not.toBe(documentId);
    expect(await (await api(`/api/documents/${document.id}/text`, chair)).text()).toContain(
      'Nothing affects sovereignty',
    );
    expect(await (await api(`/api/documents/${documentId}/text`, chair)).text()).toBe(before);
  });

  it('RV9: the Word export holds real tracked changes authored by the delegations', async () => {
    const { documentId, rev1, rev2 } = await twoRevisions();
    const observer = await signIn(server.access, negotiation, 'observer', null, 'Olga');
    const response = await api(`/api/documents/${documentId}/diff.docx?from=${rev1}&to=${rev2}`, observer);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    const xml = await zip.file('word/document.xml')!.async('string');
    const insertions = [
      ...xml.matchAll(/<w:ins [^>]*w:author="([^"]+)"[^>]*>.*?<w:t[^>]*>([^<]*)<\/w:t>/g),
    ].map((m) => [m[1], m[2]!.trim()]);
    const deletions = [
      ...xml.matchAll(/<w:del [^>]*w:author="([^"]+)"[^>]*>.*?<w:delText[^>]*>([^<]*)<\/w:delText>/g),
    ].map((m) => [m[1], m[2]!.trim()]);
    expect(insertions).toEqual([['Russian Federation', 'in criminal matters']]);
    expect(deletions).toEqual([['United States of America', 'Nothing']]);
    const settings = await zip.file('word/settings.xml')!.async('string');
    expect(settings).toContain('trackRevisions');

    const html = await (
      await api(`/api/documents/${documentId}/diff.html?from=${rev1}&to=${rev2}`, observer)
    ).text();
    expect(html).toMatch(/<ins [^>]*title="Russian Federation">[^<]*in criminal matters/);
    expect(html).toMatch(/<del [^>]*title="United States of America">Nothing/);
  });

  it('RV14: Word files of the live text, of a revision and of a comparison, named after their symbols', async () => {
    const { documentId, rev1, rev2 } = await twoRevisions();
    const observer = await signIn(server.access, negotiation, 'observer', null, 'Olga');
    const revision = await api(`/api/documents/${documentId}/revisions/${rev2}/text.docx`, observer);
    expect(revision.status).toBe(200);
    expect(revision.headers.get('content-disposition')).toContain('filename="A-AC.1-L.2-Rev.1.docx"');
    const word = await readDocx(await revision.arrayBuffer());
    const lines = word.paragraphs.map((p) => p.items.map((item) => item.text).join(''));
    expect(lines.slice(0, 5)).toEqual([
      'A/AC.1/L.2/Rev.1',
      'Distr.: General',
      '22 November 2026',
      'Original: English',
      'Revised draft',
    ]);
    expect(lines).toContain('1.\tThis Convention applies to cooperation in criminal matters.');
    const live = await api(`/api/documents/${documentId}/text.docx`, observer);
    expect(live.status).toBe(200);
    expect(live.headers.get('content-disposition')).toContain('filename="travaux-working-text.docx"');
    const diff = await api(`/api/documents/${documentId}/diff.docx?from=${rev1}&to=${rev2}`, observer);
    expect(diff.headers.get('content-disposition')).toContain('filename="A-AC.1-L.2-Rev.1-changes.docx"');
    expect((await api(`/api/documents/${documentId}/revisions/nope/text.docx`, observer)).status).toBe(404);
  });

  it('PR12/RV14: the compilation as data for a formatted page and as a Word file', async () => {
    const { documentId } = await twoRevisions();
    const observer = await signIn(server.access, negotiation, 'observer', null, 'Olga');
    const { compilation } = await json<{ compilation: { title: string; entries: unknown[] } }>(
      api(`/api/documents/${documentId}/compilation.json`, observer),
    );
    expect(compilation).toEqual({ title: 'Draft convention', entries: [] });
    const word = await api(`/api/documents/${documentId}/compilation.docx`, observer);
    expect(word.status).toBe(200);
    const lines = (await readDocx(await word.arrayBuffer())).paragraphs.map((p) =>
      p.items.map((item) => item.text).join(''),
    );
    expect(lines).toContain('Compilation of proposals');
    expect(lines).toContain('No open proposals.');
    expect((await api('/api/documents/nope/compilation.json', observer)).status).toBe(404);
  });

  it('RV3: the live text can be compared with a revision, and unknown revisions are 404', async () => {
    const { documentId, rev2 } = await twoRevisions();
    const { diff } = await json<{ diff: TreatyDiff }>(
      api(`/api/documents/${documentId}/diff?from=${rev2}&to=live`, chair),
    );
    expect(diff.summary.wordsAdded + diff.summary.wordsRemoved).toBe(0);
    expect((await api(`/api/documents/${documentId}/diff?from=nope&to=live`, chair)).status).toBe(404);
    expect((await api(`/api/documents/${documentId}/diff?to=live`, chair)).status).toBe(400);
  });
});

describe('checkpoints (RV2)', () => {
  it('takes one after a burst of activity, at least every interval, and keeps only the newest', async () => {
    const db = new Database(':memory:');
    const store = new SqliteRevisionStore(db);
    let now = 0;
    const doc = 'doc' as DocumentId;
    const taken: number[] = [];
    const checkpoints = new Checkpointer(
      store,
      async () => {
        taken.push(now);
        return Y.encodeStateAsUpdate(new Y.Doc());
      },
      silentLogger,
      { quietMs: 20, maxIntervalMs: 1_000, keep: 2 },
      () => now,
    );
    checkpoints.touch(doc);
    checkpoints.touch(doc);
    await waitFor('the quiet checkpoint', () => taken.length === 1);
    for (let i = 0; i < 3; i++) {
      now += 2_000;
      checkpoints.touch(doc);
      await waitFor('an overdue checkpoint', () => taken.length === i + 2);
    }
    const list = await store.list(doc);
    expect(list.every((r) => r.kind === 'checkpoint')).toBe(true);
    expect(list).toHaveLength(2);
    await checkpoints.flush();
    db.close();
  });
});

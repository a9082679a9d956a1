import { rmSync } from 'node:fs';
import { CloseCode } from '@travaux/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.ts';
import { RawClient, type SyncClient, titleText, waitFor } from './test-support/clients.ts';
import { createDocumentAs, enterAs, startHarness, storedLog } from './test-support/harness.ts';
import { signIn, type TestSession } from './test-support/roster.ts';

// AC13 over the real API and real sockets: a draft the chair has not released is seen only by the chair and the
// convenor; an archived document stays readable by the roster and is written by nobody.

let dir: string;
let server: RunningServer;
let negotiation: string;
let chair: TestSession;
let delegate: TestSession;
const clients: SyncClient[] = [];
const raws: RawClient[] = [];

beforeEach(async () => {
  ({ dir, server, negotiation, chair } = await startHarness('placement'));
  delegate = await signIn(server.access, negotiation, 'delegate', 'MEX', 'Lucía');
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const raw of raws.splice(0)) raw.destroy();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function api(path: string, token: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    text,
    body: (text.startsWith('{') ? JSON.parse(text) : {}) as Record<string, unknown>,
  };
}

const TEXT = 'Draft on placement\n\nArticle 1\n\n1. Text.';
const listed = async (token: string) =>
  (await api('/api/documents', token)).body.documents as {
    id: string;
    archivedAt: string | null;
    released: boolean;
  }[];

describe('AC13: released and archived documents', () => {
  it('a draft created unreleased is not found by a delegate anywhere until the chair releases it', async () => {
    const created = await api('/api/documents', chair.token, {
      method: 'POST',
      body: { text: TEXT, released: false },
    });
    expect(created.status).toBe(201);
    const id = (created.body.document as { id: string; released: boolean }).id;
    expect((created.body.document as { released: boolean }).released).toBe(false);
    expect((await listed(chair.token)).map((d) => d.id)).toEqual([id]);
    expect(await listed(delegate.token)).toEqual([]);
    for (const path of [
      `/api/documents/${id}`,
      `/api/documents/${id}/text`,
      `/api/documents/${id}/revisions`,
    ]) {
      expect((await api(path, delegate.token)).status).toBe(404);
    }
    const socket = new RawClient(server.url, id, delegate.token);
    raws.push(socket);
    // The same answer as for a document that does not exist: the upgrade is refused with 404.
    await expect(socket.opened).rejects.toThrow(/404/);
    expect(socket.refused?.body).toContain('document_not_found');

    const released = await api(`/api/documents/${id}`, chair.token, {
      method: 'PATCH',
      body: { released: true },
    });
    expect(released.status).toBe(200);
    expect((await listed(delegate.token)).map((d) => [d.id, d.released])).toEqual([[id, true]]);
    expect((await api(`/api/documents/${id}/text`, delegate.token)).text).toContain('Draft on placement');
    // Only those who create documents place them; bodies are checked.
    expect(
      (await api(`/api/documents/${id}`, delegate.token, { method: 'PATCH', body: { archived: true } }))
        .status,
    ).toBe(403);
    for (const body of [{}, { archived: 'yes' }, { released: true, title: 'x' }]) {
      const refused = await api(`/api/documents/${id}`, chair.token, { method: 'PATCH', body });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('invalid_request');
    }
  });

  it('archiving makes open connections reconnect read-only: nothing written is stored; restoring writes again', async () => {
    const id = await createDocumentAs(server, chair, TEXT);
    const writer = await enterAs(server, id, chair, clients);
    const reader = await enterAs(server, id, delegate, clients);
    const closeCodes: number[] = [];
    writer.provider.on('connection-close', (event) => {
      if (event) closeCodes.push(event.code);
    });
    titleText(writer.doc).insert(0, 'α ');
    await waitFor('the reader to see α', () => titleText(reader.doc).toString().startsWith('α '));

    const archived = await api(`/api/documents/${id}`, chair.token, {
      method: 'PATCH',
      body: { archived: true },
    });
    expect(archived.status).toBe(200);
    expect((archived.body.document as { archivedAt: string | null }).archivedAt).not.toBeNull();
    await waitFor('the writer to be told to reconnect', () => closeCodes.includes(CloseCode.AccessChanged));
    await waitFor('the writer to reconnect', () => writer.provider.wsconnected && writer.provider.synced);
    const before = storedLog(dir, id);
    titleText(writer.doc).insert(0, 'β ');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(storedLog(dir, id)).toBe(before);
    expect(titleText(reader.doc).toString().startsWith('β')).toBe(false);
    // The writer's refused words stay in its own copy only (the editor itself is read-only when archived).
    writer.destroy();
    // Still readable by the roster, listed as archived.
    expect((await api(`/api/documents/${id}/text`, delegate.token)).text).toContain('α Draft on placement');
    expect((await listed(delegate.token))[0]?.archivedAt).not.toBeNull();

    expect(
      (await api(`/api/documents/${id}`, chair.token, { method: 'PATCH', body: { archived: false } })).status,
    ).toBe(200);
    const fresh = await enterAs(server, id, chair, clients);
    titleText(fresh.doc).insert(0, 'γ ');
    await waitFor('the reader to see γ', () => titleText(reader.doc).toString().startsWith('γ '));

    const audit = (await api('/api/audit?action=document.archived', chair.token)).body.entries as unknown[];
    expect(audit).toHaveLength(1);
    expect((await api('/api/audit?action=document.restored', chair.token)).body.entries).toHaveLength(1);
  });
});

import { rmSync } from 'node:fs';
import { CloseCode } from '@travaux/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.ts';
import { RawClient } from './test-support/clients.ts';
import { createDocumentAs, startHarness } from './test-support/harness.ts';
import { signIn, type TestSession } from './test-support/roster.ts';

// The convenor's seats (issue 20) over the real HTTP API and real sockets: how many people a link admits
// (AC11), who joined through each, ending one person's session (AC12), and the audit log's filters (AC9, AC12).

let dir: string;
let server: RunningServer;
let negotiation: string;
let chair: TestSession;
let convenor: TestSession;
const sockets: RawClient[] = [];

beforeEach(async () => {
  ({ dir, server, negotiation, chair } = await startHarness('seats'));
  convenor = await signIn(server.access, negotiation, 'convenor', null, 'Convenor');
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function api(path: string, token: string | null, init: { method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const signInWith = (invitation: string, name: string) =>
  api('/api/sessions', null, { method: 'POST', body: { invitation, name } });

interface ListedInvitation {
  id: string;
  maxPeople: number | null;
  used: number;
  url: string;
}
interface ListedPerson {
  id: string;
  invitationId: string;
  name: string;
  endedAt: string | null;
}

describe('seats', () => {
  it('AC11: a link admits as many people as it says (default a few), and every sign-in is listed', async () => {
    const issued = await api('/api/invitations', convenor.token, {
      method: 'POST',
      body: { role: 'delegate', delegation: 'KEN', maxPeople: 2 },
    });
    expect(issued.status).toBe(201);
    const token = issued.body.token as string;
    expect((await signInWith(token, 'Amina')).status).toBe(201);
    expect((await signInWith(token, 'Otieno')).status).toBe(201);
    const third = await signInWith(token, 'Stranger');
    expect(third.status).toBe(401);
    expect(third.body).toMatchObject({ error: 'unauthorized', reason: 'full' });
    expect(third.body.message).toMatch(/as many people as it allows/);

    const byDefault = await api('/api/invitations', convenor.token, {
      method: 'POST',
      body: { role: 'observer' },
    });
    expect((byDefault.body.invitation as ListedInvitation).maxPeople).toBe(5);
    for (const bad of [0, 1.5, 1001, '3']) {
      const refused = await api('/api/invitations', convenor.token, {
        method: 'POST',
        body: { role: 'observer', maxPeople: bad },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('invalid_request');
    }

    const listed = (await api('/api/invitations', convenor.token)).body.invitations as ListedInvitation[];
    const kenya = listed.find((i) => i.id === (issued.body.invitation as ListedInvitation).id);
    expect(kenya).toMatchObject({ maxPeople: 2, used: 2 });
    expect(kenya?.url).toBe(issued.body.url);
    const people = (await api('/api/people', convenor.token)).body.people as ListedPerson[];
    expect(people.filter((p) => p.invitationId === kenya?.id).map((p) => p.name)).toEqual([
      'Amina',
      'Otieno',
    ]);
  });

  it('AC12: the convenor ends one person’s session: their connections close, the others of the same link stay', async () => {
    const documentId = await createDocumentAs(server, chair, 'Draft\n\nArticle 1\n\n1. Text.');
    const issued = await api('/api/invitations', convenor.token, {
      method: 'POST',
      body: { role: 'delegate', delegation: 'BRA', maxPeople: 3 },
    });
    const amina = (await signInWith(issued.body.token as string, 'Ana')).body;
    const bruno = (await signInWith(issued.body.token as string, 'Bruno')).body;
    const anaSocket = new RawClient(server.url, documentId, amina.session as string);
    const brunoSocket = new RawClient(server.url, documentId, bruno.session as string);
    sockets.push(anaSocket, brunoSocket);
    await Promise.all([anaSocket.opened, brunoSocket.opened]);
    const anaId = (amina.principal as { personId: string }).personId;

    const ended = await api(`/api/people/${anaId}`, convenor.token, { method: 'DELETE' });
    expect(ended.status).toBe(200);
    expect((ended.body.person as ListedPerson).endedAt).not.toBeNull();
    expect(await anaSocket.closed).toEqual({ code: CloseCode.Unauthorized, reason: 'access revoked' });
    const after = await api('/api/session', amina.session as string);
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ reason: 'ended' });
    // Bruno, who joined through the same link, is still in.
    expect((await api('/api/session', bruno.session as string)).status).toBe(200);
    const stillOpen = await Promise.race([
      brunoSocket.closed.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 300)),
    ]);
    expect(stillOpen).toBe(true);
    // A closed slot stays used: the link admitted Ana once.
    const listed = (await api('/api/invitations', convenor.token)).body.invitations as ListedInvitation[];
    expect(listed.find((i) => i.id === (issued.body.invitation as ListedInvitation).id)?.used).toBe(2);

    expect((await api('/api/people/nobody', convenor.token, { method: 'DELETE' })).status).toBe(404);
    // A delegate cannot see or end seats.
    expect((await api('/api/people', bruno.session as string)).status).toBe(403);
    expect((await api(`/api/people/${anaId}`, bruno.session as string, { method: 'DELETE' })).status).toBe(
      403,
    );

    const audit = await api('/api/audit?action=session.ended', convenor.token);
    expect(audit.body.entries).toEqual([
      expect.objectContaining({
        action: 'session.ended',
        actor: expect.objectContaining({ name: 'Convenor', role: 'convenor' }),
        detail: expect.objectContaining({ personId: anaId, name: 'Ana' }),
      }),
    ]);
  });

  it('AC9, AC12: the audit log filters by action, delegation and person; an unknown filter is a 400', async () => {
    const kenya = await signIn(server.access, negotiation, 'delegate', 'KEN', 'Amina');
    await signIn(server.access, negotiation, 'delegate', 'CHN', 'Li');
    const opened = await api('/api/audit?action=session.opened&delegation=KEN', convenor.token);
    expect((opened.body.entries as { actor: { name: string } }[]).map((e) => e.actor.name)).toEqual([
      'Amina',
    ]);
    const mine = await api(`/api/audit?person=${kenya.principal.personId}`, convenor.token);
    expect((mine.body.entries as { action: string }[]).map((e) => e.action)).toEqual(['session.opened']);
    for (const query of ['action=dance', 'delegation=XXX', 'person=']) {
      const refused = await api(`/api/audit?${query}`, convenor.token);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ error: 'invalid_request' });
    }
  });
});

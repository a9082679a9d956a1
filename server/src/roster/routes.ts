import { Action, type DelegationId, delegationById, isRole } from '@travaux/shared';
import { Hono } from 'hono';
import {
  type AccessControl,
  actorOf,
  InvitationInputError,
  MAX_PERSON_NAME,
  type Principal,
} from '../auth/access.ts';
import { type AuthEnv, refusalMessage, requireAction, requirePrincipal } from '../auth/middleware.ts';
import { ApiError } from '../http/errors.ts';
import type { AuditAction, AuditFilter, Invitation } from '../persistence/roster-store.ts';

/** The principal as the API returns it (no internal expiry in ms; an ISO time instead). */
export function principalJson(principal: Principal) {
  const { expiresAt, ...rest } = principal;
  return { ...rest, expiresAt: new Date(expiresAt).toISOString() };
}

async function jsonBody(c: { req: { json(): Promise<unknown> } }): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_request', 'the request body must be JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'invalid_request', 'the request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

const invitationJson = (invitation: Invitation) => invitation;

/**
 * Negotiations, invitations, sessions and the audit log, mounted at /api. Public: inspecting an invitation and
 * opening a session with it. Admin: creating a negotiation (`TRAVAUX_ADMIN_TOKEN`). Everything else needs a
 * session and the right role.
 */
export function rosterRoutes(access: AccessControl, adminToken: string | null): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  app.post('/negotiations', async (c) => {
    if (!adminToken) {
      throw new ApiError(
        403,
        'forbidden',
        'creating negotiations over HTTP is off: set TRAVAUX_ADMIN_TOKEN, or use `npm run travaux -- negotiation create`',
      );
    }
    if (c.req.header('authorization') !== `Bearer ${adminToken}`) {
      throw new ApiError(
        401,
        'unauthorized',
        'send the admin token as "Authorization: Bearer <TRAVAUX_ADMIN_TOKEN>"',
        { reason: 'missing' },
      );
    }
    const body = await jsonBody(c);
    if (typeof body.title !== 'string')
      throw new ApiError(400, 'invalid_request', '"title" must be a string');
    try {
      const { negotiation, convenor } = await access.createNegotiation(body.title);
      return c.json(
        { negotiation, convenorInvitation: { ...convenor, invitation: invitationJson(convenor.invitation) } },
        201,
      );
    } catch (error) {
      if (error instanceof InvitationInputError) throw new ApiError(400, 'invalid_request', error.message);
      throw error;
    }
  });

  app.get('/invitations/inspect', async (c) => {
    const result = await access.inspect(c.req.query('token'));
    if (!result.ok) {
      throw new ApiError(401, 'unauthorized', `this invitation cannot be used: ${result.reason}`, {
        reason: result.reason,
      });
    }
    const { invitation, negotiation } = result;
    return c.json({
      invitation: {
        negotiation: { id: negotiation.id, title: negotiation.title },
        role: invitation.role,
        delegation: invitation.delegation,
        label: invitation.label,
        expiresAt: invitation.expiresAt,
      },
    });
  });

  app.post('/sessions', async (c) => {
    const body = await jsonBody(c);
    const name = typeof body.name === 'string' ? body.name.trim().replace(/\s+/g, ' ') : '';
    if (name === '' || name.length > MAX_PERSON_NAME) {
      throw new ApiError(400, 'invalid_request', `"name" must be 1 to ${MAX_PERSON_NAME} characters`);
    }
    const invitation = typeof body.invitation === 'string' ? body.invitation : null;
    const result = await access.openSession(invitation, name);
    if (!result.ok) {
      const message =
        result.reason === 'full'
          ? refusalMessage('full')
          : `this invitation cannot be used: ${result.reason}`;
      throw new ApiError(401, 'unauthorized', message, { reason: result.reason });
    }
    return c.json({ session: result.session, principal: principalJson(result.principal) }, 201);
  });

  const authed = new Hono<AuthEnv>();
  authed.use('*', requirePrincipal(access));

  authed.get('/session', (c) => c.json({ principal: principalJson(c.get('principal')) }));

  // AC11: the seats of a negotiation, each with its link (the convenor copies it) and how many people used it.
  authed.get('/invitations', requireAction(access, Action.manageRoster), async (c) => {
    const principal = c.get('principal');
    const [invitations, people] = await Promise.all([
      access.roster.listInvitations(principal.negotiation.id),
      access.roster.listPersons(principal.negotiation.id),
    ]);
    const used = new Map<string, number>();
    for (const person of people) used.set(person.invitationId, (used.get(person.invitationId) ?? 0) + 1);
    const listed = await Promise.all(
      invitations.map(async (invitation) => ({
        ...invitation,
        url: (await access.linkFor(invitation)).url,
        used: used.get(invitation.id) ?? 0,
      })),
    );
    return c.json({ invitations: listed });
  });

  // AC11, AC12: everyone who signed in, with the invitation they used; the convenor can end one person's session.
  authed.get('/people', requireAction(access, Action.manageRoster), async (c) => {
    const principal = c.get('principal');
    return c.json({ people: await access.roster.listPersons(principal.negotiation.id) });
  });

  authed.delete('/people/:id', requireAction(access, Action.manageRoster), async (c) => {
    const principal = c.get('principal');
    const ended = await access.endSession(principal.negotiation.id, c.req.param('id'), actorOf(principal));
    if (!ended)
      throw new ApiError(404, 'person_not_found', 'nobody with this id signed in to this negotiation');
    return c.json({ person: ended });
  });

  authed.post('/invitations', requireAction(access, Action.manageRoster), async (c) => {
    const principal = c.get('principal');
    const body = await jsonBody(c);
    if (!isRole(body.role))
      throw new ApiError(400, 'invalid_request', '"role" must be convenor, chair, delegate or observer');
    if (body.delegation !== undefined && body.delegation !== null && typeof body.delegation !== 'string') {
      throw new ApiError(
        400,
        'invalid_request',
        '"delegation" must be a delegation id such as "RUS" or "EU"',
      );
    }
    if (body.label !== undefined && body.label !== null && typeof body.label !== 'string') {
      throw new ApiError(400, 'invalid_request', '"label" must be a string');
    }
    if (body.expiresInHours !== undefined && typeof body.expiresInHours !== 'number') {
      throw new ApiError(400, 'invalid_request', '"expiresInHours" must be a number');
    }
    if (body.maxPeople !== undefined && typeof body.maxPeople !== 'number') {
      throw new ApiError(400, 'invalid_request', '"maxPeople" must be a whole number');
    }
    try {
      const issued = await access.issueInvitation(
        principal.negotiation.id,
        {
          role: body.role,
          delegation: (body.delegation as string | null | undefined) ?? null,
          label: (body.label as string | null | undefined) ?? null,
          ...(typeof body.expiresInHours === 'number' ? { expiresInHours: body.expiresInHours } : {}),
          ...(typeof body.maxPeople === 'number' ? { maxPeople: body.maxPeople } : {}),
        },
        actorOf(principal),
      );
      return c.json(issued, 201);
    } catch (error) {
      if (error instanceof InvitationInputError) throw new ApiError(400, 'invalid_request', error.message);
      throw error;
    }
  });

  authed.delete('/invitations/:id', requireAction(access, Action.manageRoster), async (c) => {
    const principal = c.get('principal');
    const revoked = await access.revoke(principal.negotiation.id, c.req.param('id'), actorOf(principal));
    if (!revoked) throw new ApiError(404, 'invitation_not_found', 'no such invitation in this negotiation');
    return c.json({ invitation: revoked });
  });

  authed.get('/audit', requireAction(access, Action.readAudit), async (c) => {
    const principal = c.get('principal');
    const after = Number(c.req.query('after') ?? 0);
    const limit = Number(c.req.query('limit') ?? 200);
    if (!Number.isInteger(after) || after < 0 || !Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw new ApiError(400, 'invalid_request', '"after" must be a whole number ≥ 0 and "limit" 1 to 1000');
    }
    const filter = auditFilterOf(c.req.query('action'), c.req.query('delegation'), c.req.query('person'));
    return c.json({
      entries: await access.roster.readAudit(principal.negotiation.id, after, limit, filter),
    });
  });

  app.route('/', authed);
  return app;
}

export { refusalMessage };

/** The audit actions a filter may name (AC9, AC12). */
const AUDIT_ACTIONS: readonly AuditAction[] = [
  'negotiation.created',
  'invitation.issued',
  'invitation.revoked',
  'session.opened',
  'session.ended',
  'document.archived',
  'document.restored',
  'document.released',
  'document.withheld',
  'document.repaired',
  'connection.opened',
  'connection.closed',
  'refused',
  'document.shape-problems',
];

/** `?action=&delegation=&person=` of `GET /api/audit`, checked: an unknown value is a 400, not an empty list. */
function auditFilterOf(
  action: string | undefined,
  delegation: string | undefined,
  person: string | undefined,
): AuditFilter {
  if (action !== undefined && !AUDIT_ACTIONS.includes(action as AuditAction)) {
    throw new ApiError(400, 'invalid_request', `"action" must be one of: ${AUDIT_ACTIONS.join(', ')}`);
  }
  if (delegation !== undefined && !delegationById(delegation)) {
    throw new ApiError(400, 'invalid_request', `unknown delegation ${JSON.stringify(delegation)}`);
  }
  if (person !== undefined && (person.length === 0 || person.length > 64)) {
    throw new ApiError(400, 'invalid_request', '"person" must be a person id');
  }
  return {
    ...(action !== undefined ? { action: action as AuditAction } : {}),
    ...(delegation !== undefined ? { delegation: delegation as DelegationId } : {}),
    ...(person !== undefined ? { personId: person } : {}),
  };
}

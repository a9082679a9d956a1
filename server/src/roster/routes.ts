import { Action, isRole } from '@travaux/shared';
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
import type { Invitation } from '../persistence/roster-store.ts';

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
      throw new ApiError(401, 'unauthorized', `this invitation cannot be used: ${result.reason}`, {
        reason: result.reason,
      });
    }
    return c.json({ session: result.session, principal: principalJson(result.principal) }, 201);
  });

  const authed = new Hono<AuthEnv>();
  authed.use('*', requirePrincipal(access));

  authed.get('/session', (c) => c.json({ principal: principalJson(c.get('principal')) }));

  authed.get('/invitations', requireAction(access, Action.manageRoster), async (c) => {
    const principal = c.get('principal');
    return c.json({ invitations: await access.roster.listInvitations(principal.negotiation.id) });
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
    try {
      const issued = await access.issueInvitation(
        principal.negotiation.id,
        {
          role: body.role,
          delegation: (body.delegation as string | null | undefined) ?? null,
          label: (body.label as string | null | undefined) ?? null,
          ...(typeof body.expiresInHours === 'number' ? { expiresInHours: body.expiresInHours } : {}),
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
    return c.json({ entries: await access.roster.readAudit(principal.negotiation.id, after, limit) });
  });

  app.route('/', authed);
  return app;
}

export { refusalMessage };

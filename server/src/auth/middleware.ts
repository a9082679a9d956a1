import { type Action, can } from '@travaux/shared';
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../http/errors.ts';
import { type AccessControl, type AuthRefusal, actorOf, type Principal } from './access.ts';

/** Hono variables set by `requirePrincipal`. */
export type AuthEnv = { Variables: { principal: Principal } };

const REFUSAL_MESSAGES: Record<AuthRefusal, string> = {
  missing: 'sign in: send the session token as "Authorization: Bearer <token>"',
  malformed: 'the session token is malformed',
  'bad-signature': 'the session token was not issued by this server',
  expired: 'the session has expired; ask the convenor for a new invitation',
  'wrong-type': 'this is not a session token (open the invitation link first)',
  revoked: 'the invitation behind this session was revoked',
  unknown: 'the session token names no known invitation or person',
  full: 'this invitation has already been used by as many people as it allows; ask the convenor for another',
  ended: 'the convenor ended this session; ask the convenor for a new invitation',
};

/** The human message of an authentication refusal. */
export function refusalMessage(reason: AuthRefusal): string {
  return REFUSAL_MESSAGES[reason];
}

/**
 * The session token of an HTTP request: `Authorization: Bearer <t>` only. A URL is written to logs, histories and
 * Referer headers, so the API never reads a session from `?token=`; only the WebSocket upgrade does (the
 * transport reads it there, since browsers cannot set headers on a WebSocket).
 */
export function tokenOf(c: Context): string | null {
  const header = c.req.header('authorization');
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return null;
}

const TOKEN_IN_URL_MESSAGE =
  'the session token is read only from the "Authorization: Bearer <token>" header, never from the URL';

/**
 * AC6: every API route behind it needs a valid session; 401 `{ error: 'unauthorized', message, reason }`
 * otherwise, audited when the token named a negotiation (a revoked or expired one).
 */
export function requirePrincipal(access: AccessControl): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const result = await access.authenticate(tokenOf(c));
    if (!result.ok) {
      if (result.negotiationId) {
        await access.roster.audit(
          result.negotiationId,
          { personId: null, name: null, role: null, delegation: null },
          'refused',
          {
            via: 'http',
            route: `${c.req.method} ${c.req.path}`,
            reason: result.reason,
          },
        );
      }
      // A token sent in the query is refused like a missing one, with a message that says where it belongs.
      const inUrl = result.reason === 'missing' && c.req.query('token') !== undefined;
      throw new ApiError(401, 'unauthorized', inUrl ? TOKEN_IN_URL_MESSAGE : refusalMessage(result.reason), {
        reason: result.reason,
      });
    }
    c.set('principal', result.principal);
    await next();
  };
}

/** AC2: refuses (403, audited) a principal whose role may not perform `action`. */
export function requireAction(access: AccessControl, action: Action): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    if (!can(principal.role, action)) {
      await access.roster.audit(principal.negotiation.id, actorOf(principal), 'refused', {
        via: 'http',
        route: `${c.req.method} ${c.req.path}`,
        reason: `role ${principal.role} may not ${action}`,
      });
      throw new ApiError(403, 'forbidden', `a ${principal.role} may not ${action.replace(/-/g, ' ')}`);
    }
    await next();
  };
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import { sign } from 'hono/jwt';

/**
 * Signed tokens (HS256 JWTs, `hono/jwt`). They carry only ids: the roster in the database is the authority
 * for role, delegation and revocation, so a revoked invitation stops working at once whatever the token says.
 */

/** An invitation link's token: which invitation, of which negotiation, until when. */
export interface InvitationClaims {
  readonly typ: 'inv';
  readonly inv: string;
  readonly neg: string;
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
}

/** A session token: a person who opened an invitation. Expires with the invitation. */
export interface SessionClaims {
  readonly typ: 'ses';
  /** The person id. */
  readonly sub: string;
  readonly inv: string;
  readonly neg: string;
  readonly exp: number;
}

/** Why a token was not accepted. */
export type TokenRefusal = 'missing' | 'malformed' | 'bad-signature' | 'expired' | 'wrong-type';

export type TokenResult<T> =
  | { readonly ok: true; readonly claims: T }
  | { readonly ok: false; readonly reason: TokenRefusal };

const ALG = 'HS256';

export function signInvitation(claims: Omit<InvitationClaims, 'typ'>, secret: string): Promise<string> {
  return sign({ typ: 'inv', ...claims }, secret, ALG);
}

export function signSession(claims: Omit<SessionClaims, 'typ'>, secret: string): Promise<string> {
  return sign({ typ: 'ses', ...claims }, secret, ALG);
}

/**
 * Verifies an HS256 JWT with node:crypto, synchronously: hono/jwt's WebCrypto verify took two thread-pool round
 * trips per token, about 2 ms of every WebSocket upgrade under load. Same checks and order as hono/jwt's
 * `verify` (header and algorithm, then nbf, exp, iat, then the signature, compared in constant time).
 */
function verifyToken(token: string | null | undefined, secret: string): TokenResult<Record<string, unknown>> {
  if (!token) return { ok: false, reason: 'missing' };
  const parts = token.split('.');
  if (token.length > 4096 || parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [header, payload, signature] = parts as [string, string, string];
  const head = decodeJson(header);
  const claims = decodeJson(payload);
  if (!head || !claims || head.alg !== ALG || (head.typ !== undefined && head.typ !== 'JWT')) {
    return { ok: false, reason: 'malformed' };
  }
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.nbf === 'number' && claims.nbf > now) return { ok: false, reason: 'malformed' };
  if (typeof claims.exp === 'number' && claims.exp <= now) return { ok: false, reason: 'expired' };
  if (typeof claims.iat === 'number' && now < claims.iat) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(
    createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url'),
  );
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad-signature' };
  }
  return { ok: true, claims };
}

/** A base64url JSON object, or null. */
function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Verifies an invitation token; never throws. */
export async function verifyInvitation(
  token: string | null | undefined,
  secret: string,
): Promise<TokenResult<InvitationClaims>> {
  const result = verifyToken(token, secret);
  if (!result.ok) return result;
  const { typ, inv, neg, exp } = result.claims;
  if (typ !== 'inv') return { ok: false, reason: 'wrong-type' };
  if (!isString(inv) || !isString(neg) || typeof exp !== 'number') return { ok: false, reason: 'malformed' };
  return { ok: true, claims: { typ, inv, neg, exp } };
}

/** Verifies a session token; never throws. */
export async function verifySession(
  token: string | null | undefined,
  secret: string,
): Promise<TokenResult<SessionClaims>> {
  const result = verifyToken(token, secret);
  if (!result.ok) return result;
  const { typ, sub, inv, neg, exp } = result.claims;
  if (typ !== 'ses') return { ok: false, reason: 'wrong-type' };
  if (!isString(sub) || !isString(inv) || !isString(neg) || typeof exp !== 'number') {
    return { ok: false, reason: 'malformed' };
  }
  return { ok: true, claims: { typ, sub, inv, neg, exp } };
}

import { sign, verify } from 'hono/jwt';

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

async function verifyToken(
  token: string | null | undefined,
  secret: string,
): Promise<TokenResult<Record<string, unknown>>> {
  if (!token) return { ok: false, reason: 'missing' };
  if (token.length > 4096 || token.split('.').length !== 3) return { ok: false, reason: 'malformed' };
  try {
    const payload = (await verify(token, secret, ALG)) as Record<string, unknown>;
    return { ok: true, claims: payload };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'JwtTokenExpired') return { ok: false, reason: 'expired' };
    if (name === 'JwtTokenSignatureMismatched') return { ok: false, reason: 'bad-signature' };
    return { ok: false, reason: 'malformed' };
  }
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Verifies an invitation token; never throws. */
export async function verifyInvitation(
  token: string | null | undefined,
  secret: string,
): Promise<TokenResult<InvitationClaims>> {
  const result = await verifyToken(token, secret);
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
  const result = await verifyToken(token, secret);
  if (!result.ok) return result;
  const { typ, sub, inv, neg, exp } = result.claims;
  if (typ !== 'ses') return { ok: false, reason: 'wrong-type' };
  if (!isString(sub) || !isString(inv) || !isString(neg) || typeof exp !== 'number') {
    return { ok: false, reason: 'malformed' };
  }
  return { ok: true, claims: { typ, sub, inv, neg, exp } };
}

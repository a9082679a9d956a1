import type { Role } from '@travaux/shared';
import type { AccessControl, Principal } from '../auth/access.ts';

/** A signed-in test person: the session token and the principal the server made of it. */
export interface TestSession {
  readonly token: string;
  readonly principal: Principal;
  readonly invitationId: string;
}

/** Creates a negotiation through the real access layer; returns its id. */
export async function newNegotiation(access: AccessControl, title = 'Test negotiation'): Promise<string> {
  return (await access.createNegotiation(title)).negotiation.id;
}

/** Issues an invitation for `role` (and `delegation`) and opens a session with it, as a browser would. */
export async function signIn(
  access: AccessControl,
  negotiationId: string,
  role: Role,
  delegation: string | null = null,
  name = `${role} ${delegation ?? ''}`.trim(),
  expiresInHours?: number,
): Promise<TestSession> {
  const issued = await access.issueInvitation(
    negotiationId,
    { role, delegation, ...(expiresInHours !== undefined ? { expiresInHours } : {}) },
    null,
  );
  const opened = await access.openSession(issued.token, name);
  if (!opened.ok) throw new Error(`signIn: the session was refused (${opened.reason})`);
  return { token: opened.session, principal: opened.principal, invitationId: issued.invitation.id };
}

/** `init` with `Authorization: Bearer <token>` added. */
export function withToken(token: string, init: RequestInit = {}): RequestInit {
  return {
    ...init,
    headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${token}` },
  };
}

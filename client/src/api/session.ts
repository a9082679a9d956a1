import { type DelegationId, isDelegationId, isRole, type Role } from '@travaux/shared';
import type { ApiResult } from './api-error.ts';
import { requestJson, sendJson } from './http.ts';

export type { Role };

/** The negotiation a session or an invitation belongs to. */
export interface NegotiationRef {
  readonly id: string;
  readonly title: string;
}

/** Who is signed in, as the server established it from the session token. */
export interface Principal {
  readonly personId: string;
  readonly name: string;
  readonly role: Role;
  readonly delegation: DelegationId | null;
  readonly negotiation: NegotiationRef;
  readonly invitationId: string;
}

/** What an invitation link offers, shown before the person gives their name. */
export interface InvitationPreview {
  readonly negotiation: NegotiationRef;
  readonly role: Role;
  readonly delegation: DelegationId | null;
  readonly expiresAt: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function parseNegotiation(value: unknown): NegotiationRef | null {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.title !== 'string') return null;
  return { id: value.id, title: value.title };
}

function parseDelegation(value: unknown): DelegationId | null | undefined {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' && isDelegationId(value) ? value : undefined;
}

/** Validates a principal from the server; null when the value is not one. */
export function parsePrincipal(value: unknown): Principal | null {
  if (!isRecord(value)) return null;
  const { personId, name, role, invitationId } = value;
  const negotiation = parseNegotiation(value.negotiation);
  const delegation = parseDelegation(value.delegation);
  if (typeof personId !== 'string' || typeof name !== 'string' || typeof invitationId !== 'string')
    return null;
  if (!isRole(role) || !negotiation || delegation === undefined) return null;
  return { personId, name, role, delegation, negotiation, invitationId };
}

/** Validates an invitation preview from the server; null when the value is not one. */
export function parseInvitationPreview(value: unknown): InvitationPreview | null {
  if (!isRecord(value)) return null;
  const negotiation = parseNegotiation(value.negotiation);
  const delegation = parseDelegation(value.delegation);
  if (
    !negotiation ||
    !isRole(value.role) ||
    delegation === undefined ||
    typeof value.expiresAt !== 'string'
  ) {
    return null;
  }
  return { negotiation, role: value.role, delegation, expiresAt: value.expiresAt };
}

function field<T>(
  result: ApiResult<unknown>,
  key: string,
  parse: (value: unknown) => T | null,
): ApiResult<T> {
  if (!result.ok) return result;
  const parsed = isRecord(result.value) ? parse(result.value[key]) : null;
  return parsed ? { ok: true, value: parsed } : { ok: false, error: { reason: 'unexpected-response' } };
}

/** `GET /api/invitations/inspect`: what the invitation link offers (401 when invalid, expired or revoked). */
export async function inspectInvitation(invitation: string): Promise<ApiResult<InvitationPreview>> {
  const result = await requestJson(`/api/invitations/inspect?token=${encodeURIComponent(invitation)}`);
  return field(result, 'invitation', parseInvitationPreview);
}

/** `POST /api/sessions`: opens a session for `name` with the invitation; returns the token and the principal. */
export async function openSession(
  invitation: string,
  name: string,
): Promise<ApiResult<{ session: string; principal: Principal }>> {
  const result = await sendJson('/api/sessions', 'POST', { invitation, name });
  if (!result.ok) return result;
  const body = result.value;
  const principal = isRecord(body) ? parsePrincipal(body.principal) : null;
  if (!principal || !isRecord(body) || typeof body.session !== 'string') {
    return { ok: false, error: { reason: 'unexpected-response' } };
  }
  return { ok: true, value: { session: body.session, principal } };
}

/** `GET /api/session`: who the current session token belongs to. */
export async function fetchPrincipal(): Promise<ApiResult<Principal>> {
  return field(await requestJson('/api/session'), 'principal', parsePrincipal);
}

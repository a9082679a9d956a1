import { type DelegationId, isDelegationId, isRole, type Role } from '@travaux/shared';
import type { ApiResult } from './api-error.ts';
import { requestJson, sendJson } from './http.ts';

/** An invitation as the convenor sees it (AC11): its link, how many people it admits and how many used it. */
export interface Seat {
  readonly id: string;
  readonly role: Role;
  readonly delegation: DelegationId | null;
  readonly label: string | null;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  /** Null: no limit (an invitation issued before limits existed). */
  readonly maxPeople: number | null;
  readonly used: number;
  readonly url: string;
}

/** A person who signed in with an invitation (AC12). */
export interface SeatPerson {
  readonly id: string;
  readonly invitationId: string;
  readonly name: string;
  readonly createdAt: string;
  readonly endedAt: string | null;
}

/** One line of the audit log (AC9). */
export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: {
    readonly personId: string | null;
    readonly name: string | null;
    readonly role: Role | null;
    readonly delegation: DelegationId | null;
  };
  readonly action: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** What the audit log may be filtered by (every field given must match). */
export interface AuditQuery {
  readonly action?: string;
  readonly delegation?: string;
  readonly person?: string;
  readonly after?: number;
  readonly limit?: number;
}

/** What the convenor fills in to invite. */
export interface NewSeat {
  readonly role: Role;
  readonly delegation: DelegationId | null;
  readonly label: string | null;
  readonly maxPeople: number;
  readonly expiresInHours: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
const isString = (value: unknown): value is string => typeof value === 'string';
const isNullableString = (value: unknown): value is string | null => value === null || isString(value);
const delegationOf = (value: unknown): DelegationId | null | undefined =>
  value === null || value === undefined ? null : isString(value) && isDelegationId(value) ? value : undefined;

/** Validates an invitation from the server; null when it is not one. */
export function parseSeat(value: unknown): Seat | null {
  if (!isRecord(value)) return null;
  const { id, role, label, createdAt, expiresAt, revokedAt, maxPeople, used, url } = value;
  const delegation = delegationOf(value.delegation);
  if (!isString(id) || !isRole(role) || delegation === undefined || !isNullableString(label)) return null;
  if (!isString(createdAt) || !isString(expiresAt) || !isNullableString(revokedAt) || !isString(url))
    return null;
  if (!(maxPeople === null || typeof maxPeople === 'number') || typeof used !== 'number') return null;
  return { id, role, delegation, label, createdAt, expiresAt, revokedAt, maxPeople, used, url };
}

/** Validates a person from the server; null when it is not one. */
export function parseSeatPerson(value: unknown): SeatPerson | null {
  if (!isRecord(value)) return null;
  const { id, invitationId, name, createdAt, endedAt } = value;
  if (!isString(id) || !isString(invitationId) || !isString(name) || !isString(createdAt)) return null;
  if (!isNullableString(endedAt)) return null;
  return { id, invitationId, name, createdAt, endedAt };
}

/** Validates an audit entry from the server; null when it is not one. */
export function parseAuditEntry(value: unknown): AuditEntry | null {
  if (!isRecord(value) || typeof value.seq !== 'number' || !isString(value.at) || !isString(value.action))
    return null;
  const actor = value.actor;
  if (!isRecord(actor) || !isNullableString(actor.personId) || !isNullableString(actor.name)) return null;
  const role = actor.role === null ? null : isRole(actor.role) ? actor.role : undefined;
  const delegation = delegationOf(actor.delegation);
  if (role === undefined || delegation === undefined) return null;
  const detail = isRecord(value.detail) ? value.detail : {};
  return {
    seq: value.seq,
    at: value.at,
    actor: { personId: actor.personId, name: actor.name, role, delegation },
    action: value.action,
    detail,
  };
}

function list<T>(
  result: ApiResult<unknown>,
  key: string,
  parse: (value: unknown) => T | null,
): ApiResult<T[]> {
  if (!result.ok) return result;
  const items = isRecord(result.value) ? result.value[key] : undefined;
  if (!Array.isArray(items)) return { ok: false, error: { reason: 'unexpected-response' } };
  const parsed: T[] = [];
  for (const item of items) {
    const one = parse(item);
    if (!one) return { ok: false, error: { reason: 'unexpected-response' } };
    parsed.push(one);
  }
  return { ok: true, value: parsed };
}

/** `GET /api/invitations`: every seat of the negotiation, oldest first. */
export async function fetchSeats(): Promise<ApiResult<Seat[]>> {
  return list(await requestJson('/api/invitations'), 'invitations', parseSeat);
}

/** `GET /api/people`: everyone who signed in, oldest first. */
export async function fetchSeatPeople(): Promise<ApiResult<SeatPerson[]>> {
  return list(await requestJson('/api/people'), 'people', parseSeatPerson);
}

/** `GET /api/audit` with filters. */
export async function fetchAudit(query: AuditQuery): Promise<ApiResult<AuditEntry[]>> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const suffix = params.size > 0 ? `?${params}` : '';
  return list(await requestJson(`/api/audit${suffix}`), 'entries', parseAuditEntry);
}

/** `POST /api/invitations`: issues a seat; returns it with its link. */
export async function issueSeat(seat: NewSeat): Promise<ApiResult<{ url: string }>> {
  const result = await sendJson('/api/invitations', 'POST', seat);
  if (!result.ok) return result;
  const url = isRecord(result.value) ? result.value.url : undefined;
  return isString(url)
    ? { ok: true, value: { url } }
    : { ok: false, error: { reason: 'unexpected-response' } };
}

/** `DELETE /api/invitations/:id`: revokes a seat; its people's sessions end at once. */
export async function revokeSeat(id: string): Promise<ApiResult<unknown>> {
  return sendJson(`/api/invitations/${encodeURIComponent(id)}`, 'DELETE');
}

/** `DELETE /api/people/:id`: ends one person's session. */
export async function endPersonSession(id: string): Promise<ApiResult<unknown>> {
  return sendJson(`/api/people/${encodeURIComponent(id)}`, 'DELETE');
}

import type { DelegationId, DocumentId, Role } from '@travaux/shared';
import type { RevisionMeta } from './revision-store.ts';
import type {
  AuditAction,
  AuditActor,
  AuditEntry,
  AuditFilter,
  DocumentPlacement,
  Invitation,
  Person,
} from './roster-store.ts';

/** A stored time: SQLite keeps the ISO 8601 string, pg returns a TIMESTAMPTZ as a Date. */
export type StoredTime = string | Date;

/** The ISO 8601 string of a stored time. */
export const isoOf = (value: StoredTime): string => (typeof value === 'string' ? value : value.toISOString());

/** An `invitations` row as both backends read it. */
export interface InvitationRow {
  id: string;
  negotiation_id: string;
  role: string;
  delegation: string | null;
  label: string | null;
  created_at: StoredTime;
  expires_at: StoredTime;
  revoked_at: StoredTime | null;
  max_people: number | null;
}

export const toInvitation = (row: InvitationRow): Invitation => ({
  id: row.id,
  negotiationId: row.negotiation_id,
  role: row.role as Role,
  delegation: row.delegation as DelegationId | null,
  label: row.label,
  createdAt: isoOf(row.created_at),
  expiresAt: isoOf(row.expires_at),
  revokedAt: row.revoked_at === null ? null : isoOf(row.revoked_at),
  maxPeople: row.max_people,
});

/** A `negotiation_documents` row as both backends read it (SQLite keeps the flag as 0 or 1). */
export interface PlacementRow {
  document_id: string;
  negotiation_id: string;
  archived_at: StoredTime | null;
  released: number | boolean;
}

export const toPlacement = (row: PlacementRow): DocumentPlacement => ({
  documentId: row.document_id as DocumentId,
  negotiationId: row.negotiation_id,
  archivedAt: row.archived_at === null ? null : isoOf(row.archived_at),
  released: row.released === true || row.released === 1,
});

/** A `persons` row as both backends read it. */
export interface PersonRow {
  id: string;
  invitation_id: string;
  name: string;
  created_at: StoredTime;
  ended_at: StoredTime | null;
}

export const toPerson = (row: PersonRow): Person => ({
  id: row.id,
  invitationId: row.invitation_id,
  name: row.name,
  createdAt: isoOf(row.created_at),
  endedAt: row.ended_at === null ? null : isoOf(row.ended_at),
});

/**
 * The WHERE clause of an audit read after `negotiation_id` and `seq`: the filter's fields in a fixed order, with
 * `placeholder(n)` giving the backend's n-th parameter (`?` or `$n`), and the values to bind.
 */
export function auditFilterSql(
  filter: AuditFilter | undefined,
  placeholder: (n: number) => string,
  first: number,
): { sql: string; values: string[] } {
  const clauses: string[] = [];
  const values: string[] = [];
  const add = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    values.push(value);
    clauses.push(` AND ${column} = ${placeholder(first + values.length - 1)}`);
  };
  add('action', filter?.action);
  add('delegation', filter?.delegation);
  add('person_id', filter?.personId);
  return { sql: clauses.join(''), values };
}

/**
 * A new invitation's values, in the column order
 * `id, negotiation_id, role, delegation, label, created_at, expires_at, max_people`.
 */
export const invitationValues = (invitation: Invitation) => [
  invitation.id,
  invitation.negotiationId,
  invitation.role,
  invitation.delegation,
  invitation.label,
  invitation.createdAt,
  invitation.expiresAt,
  invitation.maxPeople,
];

/** A `revisions` row without its state, as both backends read it. */
export interface RevisionRow {
  id: string;
  document_id: string;
  kind: string;
  symbol: string;
  title: string;
  date: string;
  language: string;
  created_at: StoredTime;
  created_by: string;
}

export const toRevisionMeta = (row: RevisionRow): RevisionMeta => ({
  id: row.id,
  documentId: row.document_id as DocumentId,
  kind: row.kind as RevisionMeta['kind'],
  symbol: row.symbol,
  title: row.title,
  date: row.date,
  language: row.language,
  createdAt: isoOf(row.created_at),
  createdBy: row.created_by,
});

/**
 * A new revision's values, in the column order
 * `id, document_id, kind, symbol, title, date, language, created_at, created_by, state`.
 */
export const revisionValues = (revision: RevisionMeta, state: Buffer) => [
  revision.id,
  revision.documentId,
  revision.kind,
  revision.symbol,
  revision.title,
  revision.date,
  revision.language,
  revision.createdAt,
  revision.createdBy,
  state,
];

/** A new audit entry's values, in the column order `negotiation_id, at, person_id, name, role, delegation, action, detail`. */
export const auditValues = (
  negotiationId: string,
  at: string,
  actor: AuditActor,
  action: AuditAction,
  detail: Record<string, unknown>,
) => [
  negotiationId,
  at,
  actor.personId,
  actor.name,
  actor.role,
  actor.delegation,
  action,
  JSON.stringify(detail),
];

/** An `audit_log` row as both backends read it (pg returns BIGINT as a string and JSONB parsed). */
export interface AuditRow {
  seq: number | string;
  at: StoredTime;
  person_id: string | null;
  name: string | null;
  role: string | null;
  delegation: string | null;
  action: string;
  detail: string | Record<string, unknown>;
}

export const toAuditEntry = (negotiationId: string, row: AuditRow): AuditEntry => ({
  seq: Number(row.seq),
  negotiationId,
  at: isoOf(row.at),
  actor: {
    personId: row.person_id,
    name: row.name,
    role: row.role as Role | null,
    delegation: row.delegation as DelegationId | null,
  },
  action: row.action as AuditAction,
  detail: typeof row.detail === 'string' ? (JSON.parse(row.detail) as Record<string, unknown>) : row.detail,
});

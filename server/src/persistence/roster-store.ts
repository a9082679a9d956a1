import type { DelegationId, DocumentId, Role } from '@travaux/shared';

/** A negotiation: the unit that owns documents, a roster and an audit log. */
export interface Negotiation {
  readonly id: string;
  readonly title: string;
  readonly createdAt: string;
}

/** An invitation to sit in a negotiation with a role (and, for delegates, a delegation). */
export interface Invitation {
  readonly id: string;
  readonly negotiationId: string;
  readonly role: Role;
  readonly delegation: DelegationId | null;
  readonly label: string | null;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  /**
   * How many people may sign in with the invitation (AC11); null for no limit (invitations issued before the
   * limit existed). Everyone who ever signed in counts, also after the convenor ended their session.
   */
  readonly maxPeople: number | null;
}

/** A person who opened an invitation and gave a name. */
export interface Person {
  readonly id: string;
  readonly invitationId: string;
  readonly name: string;
  readonly createdAt: string;
  /** When a convenor ended this person's session (AC12); null while it holds. */
  readonly endedAt: string | null;
}

/**
 * Where a document sits in its negotiation (AC13): whether it is archived (read-only for everyone, still
 * readable) and whether the chair has released it to the roster (an unreleased draft is seen only by the chair
 * and the convenor).
 */
export interface DocumentPlacement {
  readonly documentId: DocumentId;
  readonly negotiationId: string;
  readonly archivedAt: string | null;
  readonly released: boolean;
}

/** An invitation already used by as many people as it allows (AC11). */
export class InvitationFullError extends Error {
  override name = 'InvitationFullError';
  constructor(readonly invitationId: string) {
    super('this invitation has been used by as many people as it allows');
  }
}

/** What the audit log can be filtered by (every given field must match). */
export interface AuditFilter {
  readonly action?: AuditAction;
  readonly delegation?: DelegationId;
  readonly personId?: string;
}

/** Who did something, as recorded in the audit log (all null for anonymous attempts). */
export interface AuditActor {
  readonly personId: string | null;
  readonly name: string | null;
  readonly role: Role | null;
  readonly delegation: DelegationId | null;
}

/** What the audit log records (AC9). */
export type AuditAction =
  | 'negotiation.created'
  | 'invitation.issued'
  | 'invitation.revoked'
  | 'session.opened'
  /** AC12: a convenor ended one person's session. */
  | 'session.ended'
  /** AC13: a document archived or restored, released to the roster or withheld from it. */
  | 'document.archived'
  | 'document.restored'
  | 'document.released'
  | 'document.withheld'
  | 'connection.opened'
  | 'connection.closed'
  | 'refused'
  /** SH8: a stored document was loaded holding structure the shape rules refuse. */
  | 'document.shape-problems'
  /** SH10: the chair repaired a stored document's structure (its steps in the detail). */
  | 'document.repaired';

export interface AuditEntry {
  readonly seq: number;
  readonly negotiationId: string;
  readonly at: string;
  readonly actor: AuditActor;
  readonly action: AuditAction;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** The outcome of claiming Yjs client ids for a person (AC7). */
export type ClaimResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly clientId: number; readonly ownedBy: string };

/** Who sent a committed update: kept for good, also after compaction folded the update into a snapshot. */
export interface UpdateProvenance {
  readonly documentId: DocumentId;
  readonly seq: number;
  readonly personId: string;
  readonly delegation: DelegationId | null;
  readonly clientIds: readonly number[];
}

/**
 * Durable roster of negotiations: invitations, persons, document ownership, Yjs client-id claims, update
 * provenance and the audit log. Async so a networked database fits behind it. Misuse rejects with a message.
 */
export interface RosterStore {
  createNegotiation(title: string, id?: string): Promise<Negotiation>;
  getNegotiation(id: string): Promise<Negotiation | null>;
  createInvitation(invitation: Omit<Invitation, 'id' | 'createdAt' | 'revokedAt'>): Promise<Invitation>;
  getInvitation(id: string): Promise<Invitation | null>;
  listInvitations(negotiationId: string): Promise<Invitation[]>;
  /** Marks the invitation revoked (idempotent: the first revocation time stays); null when unknown. */
  revokeInvitation(id: string): Promise<Invitation | null>;
  /**
   * Records a person signing in with an invitation; rejects with `InvitationFullError` (adding nobody) when the
   * invitation has already been used by `maxPeople` people. The check and the insert are one atomic step.
   */
  createPerson(invitationId: string, name: string): Promise<Person>;
  getPerson(id: string): Promise<Person | null>;
  /** Every person who signed in with an invitation of the negotiation, oldest first. */
  listPersons(negotiationId: string): Promise<Person[]>;
  /** Ends a person's session (idempotent: the first time stays); null when unknown. */
  endPerson(id: string): Promise<Person | null>;
  /** Records that `documentId` belongs to `negotiationId` (once; a second assignment rejects). */
  assignDocument(documentId: DocumentId, negotiationId: string): Promise<void>;
  /** The negotiation owning `documentId`, or null. */
  negotiationOf(documentId: DocumentId): Promise<string | null>;
  documentsOf(negotiationId: string): Promise<DocumentId[]>;
  /** The placement of a document (AC13), or null when it belongs to no negotiation. */
  placementOf(documentId: DocumentId): Promise<DocumentPlacement | null>;
  /** The placements of every document of a negotiation. */
  placementsOf(negotiationId: string): Promise<DocumentPlacement[]>;
  /** Archives (a time) or restores (null) a document, and/or releases or withholds it; null when unknown. */
  setPlacement(
    documentId: DocumentId,
    change: { readonly archivedAt?: string | null; readonly released?: boolean },
  ): Promise<DocumentPlacement | null>;
  /** Claims unclaimed ids for `personId`; refuses (claiming nothing) when one is owned by someone else. */
  claimClientIds(
    documentId: DocumentId,
    clientIds: readonly number[],
    personId: string,
  ): Promise<ClaimResult>;
  /** Every claim of a document: client id → person id. */
  clientIdOwners(documentId: DocumentId): Promise<Map<number, string>>;
  recordProvenance(entries: readonly UpdateProvenance[]): Promise<void>;
  provenance(documentId: DocumentId): Promise<UpdateProvenance[]>;
  audit(
    negotiationId: string,
    actor: AuditActor,
    action: AuditAction,
    detail?: Record<string, unknown>,
  ): Promise<void>;
  /** Entries with `seq > after` that match `filter`, oldest first, at most `limit`. */
  readAudit(negotiationId: string, after: number, limit: number, filter?: AuditFilter): Promise<AuditEntry[]>;
  /**
   * Invitations revoked and persons whose session was ended at or after `since` (ISO time): lets a server
   * notice revocations made by another process (the CLI, another node). Connections are grouped by both ids.
   */
  revokedSince(since: string): Promise<{ id: string; revokedAt: string }[]>;
  /** A small key-value setting (e.g. which negotiation is the demo). */
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
}

export const NO_ACTOR: AuditActor = { personId: null, name: null, role: null, delegation: null };

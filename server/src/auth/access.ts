import {
  Action,
  can,
  type DelegationId,
  type DocumentId,
  delegationById,
  delegationRule,
  isDocumentId,
  maySeeDocument,
  type Role,
} from '@travaux/shared';
import {
  type AuditActor,
  type DocumentPlacement,
  type Invitation,
  InvitationFullError,
  type Negotiation,
  type Person,
  type RosterStore,
} from '../persistence/roster-store.ts';
import type { Author } from '../rooms/guard.ts';
import { signInvitation, signSession, type TokenRefusal, verifyInvitation, verifySession } from './tokens.ts';

/** Who is acting: established by the server from a session token and the roster, never from the client. */
export interface Principal {
  readonly personId: string;
  readonly name: string;
  readonly role: Role;
  readonly delegation: DelegationId | null;
  readonly negotiation: { readonly id: string; readonly title: string };
  readonly invitationId: string;
  /** When the session ends (the invitation's expiry), ms since the epoch. */
  readonly expiresAt: number;
}

/** Why a token did not yield a principal (HTTP 401 `reason`, close reason on the sync endpoint). */
export type AuthRefusal = TokenRefusal | 'revoked' | 'unknown' | 'full' | 'ended';

export type AuthResult =
  | { readonly ok: true; readonly principal: Principal }
  | { readonly ok: false; readonly reason: AuthRefusal; readonly negotiationId?: string };

/** An issued invitation with its link. */
export interface IssuedInvitation {
  readonly invitation: Invitation;
  readonly token: string;
  readonly url: string;
}

/** A refusal to issue an invitation, with the field at fault. */
export class InvitationInputError extends Error {
  override name = 'InvitationInputError';
}

/** Longest accepted display name. */
export const MAX_PERSON_NAME = 80;
/** How many people may sign in with an invitation unless its issuer says otherwise (AC11): a few. */
export const DEFAULT_MAX_PEOPLE = 5;
/** The most people one invitation may admit. */
export const MAX_PEOPLE_LIMIT = 1000;
/** Default lifetime of an invitation: 14 days. */
export const DEFAULT_INVITATION_HOURS = 14 * 24;

/** The audit actor for a principal. */
export function actorOf(principal: Principal): AuditActor {
  return {
    personId: principal.personId,
    name: principal.name,
    role: principal.role,
    delegation: principal.delegation,
  };
}

/** What the rooms know of a principal. */
export function authorOf(principal: Principal): Author {
  return {
    personId: principal.personId,
    name: principal.name,
    role: principal.role,
    delegation: principal.delegation,
    canWrite: can(principal.role, Action.writeText),
  };
}

/**
 * Invitations, sessions and authentication over the roster (AC4–AC6). Tokens carry ids only; every check reads
 * the roster, so revocation is immediate. `onRevoked` listeners close open connections of a revoked invitation.
 */
export class AccessControl {
  private readonly revokedListeners = new Set<(invitationId: string) => void>();
  private readonly placedListeners = new Set<(documentId: DocumentId) => void>();

  constructor(
    readonly roster: RosterStore,
    private readonly secret: string,
    /** Base of invitation links; a function because the port is known only once the server listens. */
    private readonly publicUrl: () => string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates a negotiation and its convenor's invitation. */
  async createNegotiation(title: string): Promise<{ negotiation: Negotiation; convenor: IssuedInvitation }> {
    const clean = title.trim();
    if (clean === '' || clean.length > 300)
      throw new InvitationInputError('"title" must be 1 to 300 characters');
    const negotiation = await this.roster.createNegotiation(clean);
    await this.roster.audit(
      negotiation.id,
      { personId: null, name: null, role: null, delegation: null },
      'negotiation.created',
      {
        title: clean,
      },
    );
    const convenor = await this.issueInvitation(
      negotiation.id,
      { role: 'convenor', label: 'Convenor' },
      null,
    );
    return { negotiation, convenor };
  }

  /** Issues an invitation (AC3 checks the delegation against the role). */
  async issueInvitation(
    negotiationId: string,
    input: {
      role: Role;
      delegation?: string | null;
      label?: string | null;
      expiresInHours?: number;
      maxPeople?: number;
    },
    by: AuditActor | null,
  ): Promise<IssuedInvitation> {
    const rule = delegationRule(input.role);
    const delegation = input.delegation ?? null;
    if (rule === 'required' && !delegation)
      throw new InvitationInputError(`a ${input.role} invitation needs a "delegation"`);
    if (rule === 'none' && delegation)
      throw new InvitationInputError(`a ${input.role} sits for no delegation`);
    if (delegation && !delegationById(delegation))
      throw new InvitationInputError(`unknown delegation ${JSON.stringify(delegation)}`);
    const hours = input.expiresInHours ?? DEFAULT_INVITATION_HOURS;
    if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 366) {
      throw new InvitationInputError('"expiresInHours" must be between 0 and 8784');
    }
    const maxPeople = input.maxPeople ?? DEFAULT_MAX_PEOPLE;
    if (!Number.isInteger(maxPeople) || maxPeople < 1 || maxPeople > MAX_PEOPLE_LIMIT) {
      throw new InvitationInputError(`"maxPeople" must be a whole number from 1 to ${MAX_PEOPLE_LIMIT}`);
    }
    const label = input.label?.trim() || null;
    if (label && label.length > 120) throw new InvitationInputError('"label" must be at most 120 characters');
    const invitation = await this.roster.createInvitation({
      negotiationId,
      role: input.role,
      delegation: delegation as DelegationId | null,
      label,
      expiresAt: new Date(this.now() + hours * 3_600_000).toISOString(),
      maxPeople,
    });
    await this.roster.audit(
      negotiationId,
      by ?? { personId: null, name: null, role: null, delegation: null },
      'invitation.issued',
      {
        invitationId: invitation.id,
        role: invitation.role,
        delegation: invitation.delegation,
        label,
        expiresAt: invitation.expiresAt,
        maxPeople,
      },
    );
    return this.linkFor(invitation);
  }

  /** The token and link of an existing invitation (signing is deterministic for the same invitation). */
  async linkFor(invitation: Invitation): Promise<IssuedInvitation> {
    const token = await signInvitation(
      {
        inv: invitation.id,
        neg: invitation.negotiationId,
        exp: Math.floor(Date.parse(invitation.expiresAt) / 1000),
      },
      this.secret,
    );
    return { invitation, token, url: `${this.publicUrl()}/join/${token}` };
  }

  /** What an invitation token offers, or why it cannot be used. */
  async inspect(
    token: string | null | undefined,
  ): Promise<
    { ok: true; invitation: Invitation; negotiation: Negotiation } | { ok: false; reason: AuthRefusal }
  > {
    const verified = await verifyInvitation(token, this.secret);
    if (!verified.ok) return verified;
    const invitation = await this.roster.getInvitation(verified.claims.inv);
    if (!invitation || invitation.negotiationId !== verified.claims.neg)
      return { ok: false, reason: 'unknown' };
    if (invitation.revokedAt) return { ok: false, reason: 'revoked' };
    if (Date.parse(invitation.expiresAt) <= this.now()) return { ok: false, reason: 'expired' };
    const negotiation = await this.roster.getNegotiation(invitation.negotiationId);
    if (!negotiation) return { ok: false, reason: 'unknown' };
    return { ok: true, invitation, negotiation };
  }

  /** Opens a session for a person named `name` with an invitation token (AC5). */
  async openSession(
    invitationToken: string | null | undefined,
    name: string,
  ): Promise<{ ok: true; session: string; principal: Principal } | { ok: false; reason: AuthRefusal }> {
    const inspected = await this.inspect(invitationToken);
    if (!inspected.ok) return inspected;
    const { invitation, negotiation } = inspected;
    let person: Person;
    try {
      person = await this.roster.createPerson(invitation.id, name);
    } catch (error) {
      if (error instanceof InvitationFullError) return { ok: false, reason: 'full' };
      throw error;
    }
    const exp = Math.floor(Date.parse(invitation.expiresAt) / 1000);
    const session = await signSession(
      { sub: person.id, inv: invitation.id, neg: negotiation.id, exp },
      this.secret,
    );
    const principal = principalOf(person.id, person.name, invitation, negotiation);
    await this.roster.audit(negotiation.id, actorOf(principal), 'session.opened', {
      invitationId: invitation.id,
    });
    return { ok: true, session, principal };
  }

  /**
   * The person a session token names when its signature and expiry are valid, without reading the roster: for
   * decisions that must come before any store work (the reconnect throttle, SH9). Not an authentication.
   */
  async claimedPerson(token: string | null | undefined): Promise<string | null> {
    const verified = await verifySession(token, this.secret);
    return verified.ok ? verified.claims.sub : null;
  }

  /** The principal of a session token, or why there is none (AC6). */
  async authenticate(token: string | null | undefined): Promise<AuthResult> {
    const verified = await verifySession(token, this.secret);
    if (!verified.ok) return verified;
    const { sub, inv, neg } = verified.claims;
    const [person, invitation, negotiation] = await Promise.all([
      this.roster.getPerson(sub),
      this.roster.getInvitation(inv),
      this.roster.getNegotiation(neg),
    ]);
    if (
      !person ||
      !invitation ||
      !negotiation ||
      person.invitationId !== inv ||
      invitation.negotiationId !== neg
    ) {
      return { ok: false, reason: 'unknown' };
    }
    if (invitation.revokedAt) return { ok: false, reason: 'revoked', negotiationId: neg };
    if (person.endedAt) return { ok: false, reason: 'ended', negotiationId: neg };
    if (Date.parse(invitation.expiresAt) <= this.now())
      return { ok: false, reason: 'expired', negotiationId: neg };
    return { ok: true, principal: principalOf(person.id, person.name, invitation, negotiation) };
  }

  /** Revokes an invitation of `negotiationId`; its sessions stop working at once. Null when not found there. */
  async revoke(negotiationId: string, invitationId: string, by: AuditActor): Promise<Invitation | null> {
    const existing = await this.roster.getInvitation(invitationId);
    if (!existing || existing.negotiationId !== negotiationId) return null;
    const revoked = await this.roster.revokeInvitation(invitationId);
    if (!existing.revokedAt) {
      await this.roster.audit(negotiationId, by, 'invitation.revoked', { invitationId });
    }
    for (const listener of this.revokedListeners) listener(invitationId);
    return revoked;
  }

  /**
   * Ends one person's session in `negotiationId` (AC12): their token stops working at once and their open
   * connections close. Null when the person did not sign in to that negotiation.
   */
  async endSession(negotiationId: string, personId: string, by: AuditActor): Promise<Person | null> {
    const existing = await this.roster.getPerson(personId);
    if (!existing) return null;
    const invitation = await this.roster.getInvitation(existing.invitationId);
    if (!invitation || invitation.negotiationId !== negotiationId) return null;
    const ended = await this.roster.endPerson(personId);
    if (!existing.endedAt) {
      await this.roster.audit(negotiationId, by, 'session.ended', {
        personId,
        name: existing.name,
        invitationId: invitation.id,
      });
    }
    for (const listener of this.revokedListeners) listener(personId);
    return ended;
  }

  /**
   * AC13: the placement of `raw` when it names a document the principal may see (of their negotiation, and
   * released unless they create documents); null otherwise, so that existence is never leaked.
   */
  async visibleDocument(principal: Principal, raw: string): Promise<DocumentPlacement | null> {
    if (!isDocumentId(raw)) return null;
    const placement = await this.roster.placementOf(raw);
    if (!placement || placement.negotiationId !== principal.negotiation.id) return null;
    return maySeeDocument(principal.role, {
      archived: placement.archivedAt !== null,
      released: placement.released,
    })
      ? placement
      : null;
  }

  /**
   * AC13: archives or restores, releases or withholds a document of the principal's negotiation (the caller has
   * checked the role), audited; open connections to it are told to reconnect under the new placement.
   */
  async placeDocument(
    principal: Principal,
    documentId: DocumentId,
    change: { readonly archived?: boolean; readonly released?: boolean },
  ): Promise<DocumentPlacement | null> {
    const before = await this.roster.placementOf(documentId);
    if (!before || before.negotiationId !== principal.negotiation.id) return null;
    const archivedAt =
      change.archived === undefined || change.archived === (before.archivedAt !== null)
        ? undefined
        : change.archived
          ? new Date(this.now()).toISOString()
          : null;
    const released =
      change.released === undefined || change.released === before.released ? undefined : change.released;
    if (archivedAt === undefined && released === undefined) return before;
    const after = await this.roster.setPlacement(documentId, {
      ...(archivedAt !== undefined ? { archivedAt } : {}),
      ...(released !== undefined ? { released } : {}),
    });
    const actor = actorOf(principal);
    if (archivedAt !== undefined) {
      await this.roster.audit(
        principal.negotiation.id,
        actor,
        archivedAt ? 'document.archived' : 'document.restored',
        {
          documentId,
        },
      );
    }
    if (released !== undefined) {
      await this.roster.audit(
        principal.negotiation.id,
        actor,
        released ? 'document.released' : 'document.withheld',
        {
          documentId,
        },
      );
    }
    for (const listener of this.placedListeners) listener(documentId);
    return after;
  }

  /** Calls `listener` with the id of every document whose placement changed; returns the unsubscribe function. */
  onDocumentPlaced(listener: (documentId: DocumentId) => void): () => void {
    this.placedListeners.add(listener);
    return () => this.placedListeners.delete(listener);
  }

  /**
   * Calls `listener` with every revoked invitation id and every person id whose session ended (connections are
   * grouped by both); returns the unsubscribe function.
   */
  onRevoked(listener: (invitationId: string) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }
}

function principalOf(
  personId: string,
  name: string,
  invitation: Invitation,
  negotiation: Negotiation,
): Principal {
  return {
    personId,
    name,
    role: invitation.role,
    delegation: invitation.delegation,
    negotiation: { id: negotiation.id, title: negotiation.title },
    invitationId: invitation.id,
    expiresAt: Date.parse(invitation.expiresAt),
  };
}

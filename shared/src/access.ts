/**
 * Roles and permissions of a negotiation (SPEC AC rules). The server decides every permission with `can`;
 * clients use the same table only to hide what would be refused anyway.
 */

/** AC1: the four roles a person can hold in one negotiation. */
export const Role = {
  /** Created the negotiation; manages the roster (invitations) and reads the audit log. Does not draft. */
  convenor: 'convenor',
  /** Chair, co-chair or facilitator: edits directly, runs chair-only operations, reads the audit log. */
  chair: 'chair',
  /** Sits for exactly one delegation and drafts on its behalf. */
  delegate: 'delegate',
  /** Reads everything live, writes nothing. */
  observer: 'observer',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** Every role, in order of authority. */
export const ROLES: readonly Role[] = [Role.convenor, Role.chair, Role.delegate, Role.observer];

/** Whether `value` is one of the four roles. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** What a principal may attempt; each server route and sync message maps to exactly one action. */
export const Action = {
  /** List and open documents, follow them live (sync read). */
  read: 'read',
  /** Send updates that change the treaty text. */
  writeText: 'write-text',
  /** Issue, list and revoke invitations. */
  manageRoster: 'manage-roster',
  /** Read the negotiation's audit log. */
  readAudit: 'read-audit',
  /** Create a document in the negotiation. */
  createDocument: 'create-document',
  /** Status changes, accepting or rejecting proposals, issuing revisions (later issues). */
  chairOperation: 'chair-operation',
} as const;
export type Action = (typeof Action)[keyof typeof Action];

// AC2: the single permission table.
const PERMISSIONS: Record<Role, ReadonlySet<Action>> = {
  convenor: new Set([Action.read, Action.manageRoster, Action.readAudit, Action.createDocument]),
  chair: new Set([
    Action.read,
    Action.writeText,
    Action.readAudit,
    Action.createDocument,
    Action.chairOperation,
  ]),
  delegate: new Set([Action.read, Action.writeText]),
  observer: new Set([Action.read]),
};

/** AC2: whether a principal holding `role` may perform `action`. */
export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[role].has(action);
}

/**
 * AC3: whether an invitation for `role` must, may or must not name a delegation. A delegate sits for exactly
 * one; an observer may represent an observer state or organisation; convenor and chair sit for none.
 */
export function delegationRule(role: Role): 'required' | 'optional' | 'none' {
  if (role === Role.delegate) return 'required';
  if (role === Role.observer) return 'optional';
  return 'none';
}

/** How a document sits in its negotiation, as far as access goes (AC13). */
export interface DocumentAccess {
  /** Archived: still readable by the roster, written by nobody. */
  readonly archived: boolean;
  /** Released by the chair to the roster; an unreleased draft is seen only by those who create documents. */
  readonly released: boolean;
}

/** AC13: whether `role` may see a document at all (listed, opened, exported); anything else reads as not found. */
export function maySeeDocument(role: Role, document: DocumentAccess): boolean {
  return can(role, Action.read) && (document.released || can(role, Action.createDocument));
}

/** AC13: whether `role` may change a document's text: an archived document is read-only for everyone. */
export function mayWriteDocument(role: Role, document: DocumentAccess): boolean {
  return maySeeDocument(role, document) && !document.archived && can(role, Action.writeText);
}

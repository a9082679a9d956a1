import type { AuditEntry, Seat, SeatPerson } from '../../api/seats.ts';
import { delegationName } from '../presence/room-user.ts';
import { roleName } from '../session/roles.ts';

/** Whether a seat's link can still be used, as the convenor reads it. */
export type SeatState = 'open' | 'full' | 'revoked' | 'expired';

export function seatState(seat: Seat, now: number): SeatState {
  if (seat.revokedAt) return 'revoked';
  if (Date.parse(seat.expiresAt) <= now) return 'expired';
  if (seat.maxPeople !== null && seat.used >= seat.maxPeople) return 'full';
  return 'open';
}

const STATE_WORDS: Record<SeatState, string> = {
  open: 'Open',
  full: 'Full',
  revoked: 'Revoked',
  expired: 'Expired',
};

export const seatStateWords = (state: SeatState): string => STATE_WORDS[state];

/** "2 of 5 people", "1 person (no limit)". */
export function usageWords(seat: Seat): string {
  if (seat.maxPeople === null) return `${seat.used} ${seat.used === 1 ? 'person' : 'people'} (no limit)`;
  return `${seat.used} of ${seat.maxPeople} ${seat.maxPeople === 1 ? 'person' : 'people'}`;
}

/** One group of the roster: the chair's seats, the convenor's, or one delegation's (its delegates and observers). */
export interface RosterGroup {
  readonly key: string;
  readonly title: string;
  readonly seats: readonly { readonly seat: Seat; readonly people: readonly SeatPerson[] }[];
}

const ROLE_GROUPS = [
  { key: 'convenor', title: 'Convenors' },
  { key: 'chair', title: 'Chair and bureau' },
] as const;

/**
 * The roster by delegation and role (issue 20): convenors, then the chair and bureau, then each delegation in
 * the order of its English name, then observers without a delegation. Every seat appears in exactly one group,
 * with the people who signed in through it in the order they joined.
 */
export function rosterGroups(seats: readonly Seat[], people: readonly SeatPerson[]): RosterGroup[] {
  const peopleOf = new Map<string, SeatPerson[]>();
  for (const person of people) {
    const list = peopleOf.get(person.invitationId) ?? [];
    list.push(person);
    peopleOf.set(person.invitationId, list);
  }
  const entry = (seat: Seat) => ({ seat, people: peopleOf.get(seat.id) ?? [] });
  const groups: RosterGroup[] = [];
  for (const { key, title } of ROLE_GROUPS) {
    const inGroup = seats.filter((s) => s.role === key);
    if (inGroup.length > 0) groups.push({ key, title, seats: inGroup.map(entry) });
  }
  const byDelegation = new Map<string, Seat[]>();
  for (const seat of seats) {
    if (seat.role === 'convenor' || seat.role === 'chair' || !seat.delegation) continue;
    const list = byDelegation.get(seat.delegation) ?? [];
    list.push(seat);
    byDelegation.set(seat.delegation, list);
  }
  const delegations = [...byDelegation.keys()].sort((a, b) =>
    delegationName(a).localeCompare(delegationName(b), 'en'),
  );
  for (const delegation of delegations) {
    groups.push({
      key: `delegation-${delegation}`,
      title: delegationName(delegation),
      seats: (byDelegation.get(delegation) ?? []).map(entry),
    });
  }
  const unattached = seats.filter((s) => s.role === 'observer' && !s.delegation);
  if (unattached.length > 0)
    groups.push({ key: 'observers', title: 'Observers', seats: unattached.map(entry) });
  return groups;
}

/** "Delegate", "Observer", "Chair", with the seat's own label when the convenor gave one. */
export function seatTitle(seat: Seat): string {
  const role = roleName(seat.role);
  return seat.label && seat.label !== role ? `${role} — ${seat.label}` : role;
}

const ACTION_WORDS: Record<string, string> = {
  'negotiation.created': 'Negotiation created',
  'invitation.issued': 'Invitation issued',
  'invitation.revoked': 'Invitation revoked',
  'session.opened': 'Signed in',
  'session.ended': 'Session ended by the convenor',
  'connection.opened': 'Opened a document',
  'connection.closed': 'Left a document',
  refused: 'Refused',
  'document.shape-problems': 'Document loaded with structural problems',
  'document.repaired': 'Document structure repaired',
  'document.archived': 'Document archived',
  'document.restored': 'Document restored from the archive',
  'document.released': 'Document released to the roster',
  'document.withheld': 'Document withheld from the roster',
};

/** The audit actions, in the order the filter offers them. */
export const AUDIT_ACTIONS = Object.keys(ACTION_WORDS);

export const auditActionWords = (action: string): string => ACTION_WORDS[action] ?? action;

/** Who did it, as a line of the audit log reads: "Ana (Delegate of Kenya)", or "System" for nobody. */
export function auditActorWords(entry: AuditEntry): string {
  const { name, role, delegation } = entry.actor;
  if (!name && !role) return 'System';
  const seat = role
    ? role === 'delegate' && delegation
      ? `Delegate of ${delegationName(delegation)}`
      : roleName(role)
    : null;
  return seat ? `${name ?? 'Someone'} (${seat})` : (name ?? 'Someone');
}

const DETAIL_KEYS: Record<string, string> = {
  invitationId: 'invitation',
  personId: 'person',
  documentId: 'document',
  expiresAt: 'until',
  maxPeople: 'people allowed',
};

/**
 * The detail of an audit line in words: every field it holds, never dropped, with the ids of seats and people
 * the page knows (`names`: id → how it reads) written as their names.
 */
export function auditDetailWords(entry: AuditEntry, names: ReadonlyMap<string, string> = new Map()): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(entry.detail)) {
    if (value === null || value === undefined) continue;
    const text = typeof value === 'string' ? (names.get(value) ?? value) : JSON.stringify(value);
    parts.push(`${DETAIL_KEYS[key] ?? key}: ${text}`);
  }
  return parts.join('; ');
}

/** How the seats and people of the roster read in the audit log, by id. */
export function rosterNames(seats: readonly Seat[], people: readonly SeatPerson[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const seat of seats) {
    const delegation = seat.delegation ? `, ${delegationName(seat.delegation)}` : '';
    names.set(seat.id, `${seatTitle(seat)}${delegation}`);
  }
  for (const person of people) names.set(person.id, person.name);
  return names;
}

import { delegationById, delegationColor, isRole, NEUTRAL_COLOR, type Role } from '@travaux/shared';

/** What each client publishes as `user` in its awareness state (see sync/document-session.ts). */
export interface RoomUser {
  readonly name: string;
  /** The delegation's id, or '' for a chair or observer who sits for none. */
  readonly delegationId: string;
  readonly color: string;
  /** The role the server stamped from the session ('delegate' when absent). */
  readonly role?: Role;
}

/** One entry of the "In the room" list. */
export interface RoomPerson extends RoomUser {
  readonly clientId: number;
  /** "Russian Federation", "Chair", "Observer, Holy See". */
  readonly seat: string;
  readonly isSelf: boolean;
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const MAX_NAME = 80;
const MAX_DELEGATION_ID = 16;
const FALLBACK_COLOR = '#5a5a5a';

/** The awareness `user` of someone signed in as `name` for `delegationId`, coloured by delegation. */
export function roomUserFor(name: string, delegationId: string, role?: Role): RoomUser {
  // The same colour the server stamps (AC10): the delegation's, or neutral for those who sit for none.
  const color = delegationId ? delegationColor(delegationId) : NEUTRAL_COLOR;
  return { name, delegationId, color, ...(role ? { role } : {}) };
}

/**
 * Reads an awareness `user` field sent by another client. Awareness comes from the network, so anything
 * malformed yields null (the person is not shown) and colours are only ever a six-digit hex value.
 */
export function parseRoomUser(value: unknown): RoomUser | null {
  if (typeof value !== 'object' || value === null) return null;
  const { name, color, role } = value as Record<string, unknown>;
  const delegationId = (value as Record<string, unknown>).delegationId ?? '';
  if (typeof name !== 'string' || typeof delegationId !== 'string') return null;
  const trimmed = name.trim().slice(0, MAX_NAME);
  if (trimmed === '' || delegationId.length > MAX_DELEGATION_ID) return null;
  const knownRole = isRole(role) ? role : undefined;
  const safeColor =
    typeof color === 'string' && HEX_COLOR.test(color)
      ? color
      : delegationById(delegationId)
        ? delegationColor(delegationId)
        : FALLBACK_COLOR;
  return { name: trimmed, delegationId, color: safeColor, ...(knownRole ? { role: knownRole } : {}) };
}

/** The display name of a delegation id, or the id itself when Travaux does not know it. */
export function delegationName(delegationId: string): string {
  return delegationById(delegationId)?.name ?? delegationId;
}

/** What the room list and caret say about a person's seat: the delegation, or the role for those without one. */
export function seatOf(user: RoomUser): string {
  const delegation = user.delegationId ? delegationName(user.delegationId) : '';
  if (!user.role || user.role === 'delegate') return delegation;
  const role = user.role.charAt(0).toUpperCase() + user.role.slice(1);
  return delegation ? `${role}, ${delegation}` : role;
}

/**
 * The people in the room from awareness states (client id → state): oneself first, then by delegation and
 * name. States without a valid `user` (e.g. a client still connecting) are left out.
 */
export function roomPeople(states: ReadonlyMap<number, unknown>, selfClientId: number): RoomPerson[] {
  const people: RoomPerson[] = [];
  for (const [clientId, state] of states) {
    if (typeof state !== 'object' || state === null) continue;
    const user = parseRoomUser((state as Record<string, unknown>).user);
    if (!user) continue;
    people.push({
      ...user,
      clientId,
      seat: seatOf(user),
      isSelf: clientId === selfClientId,
    });
  }
  return people.sort(
    (a, b) =>
      Number(b.isSelf) - Number(a.isSelf) ||
      a.seat.localeCompare(b.seat) ||
      a.name.localeCompare(b.name) ||
      a.clientId - b.clientId,
  );
}

/**
 * Whether two "In the room" lists show the same thing. Awareness changes with every caret move of every peer;
 * the list changes only when someone comes, goes or is shown differently.
 */
export function samePeople(a: readonly RoomPerson[], b: readonly RoomPerson[]): boolean {
  return (
    a.length === b.length &&
    a.every((person, i) => {
      const other = b[i]!;
      return (
        person.clientId === other.clientId &&
        person.name === other.name &&
        person.seat === other.seat &&
        person.color === other.color &&
        person.delegationId === other.delegationId &&
        person.role === other.role &&
        person.isSelf === other.isSelf
      );
    })
  );
}

/** The label of a remote caret: "Name · Delegation name". */
export function cursorLabel(user: RoomUser): string {
  const seat = seatOf(user);
  return seat ? `${user.name} · ${seat}` : user.name;
}

/** A translucent tint of a `#rrggbb` colour for remote selections (about 20% opacity). */
export function selectionTint(color: string): string {
  return `${HEX_COLOR.test(color) ? color : FALLBACK_COLOR}33`;
}

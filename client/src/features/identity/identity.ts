import { DELEGATIONS, type Delegation, type DelegationId, delegationById } from '@travaux/shared';

/** Who is typing, until real sign-in lands: a person's name and the delegation they sit in. */
export interface Identity {
  readonly name: string;
  readonly delegationId: DelegationId;
}

/** localStorage key of the stored identity (JSON `{ name, delegationId }`). */
export const IDENTITY_STORAGE_KEY = 'travaux.identity';

/** Longest accepted name; longer names would break the presence list and caret labels. */
export const MAX_NAME_LENGTH = 80;

/** Outcome of the join form: an identity, or which field is wrong and why. */
export type JoinResult =
  | { readonly ok: true; readonly identity: Identity }
  | { readonly ok: false; readonly field: 'name' | 'delegation'; readonly message: string };

const normalise = (text: string) => text.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');

/** The delegation a typed value names: its full name (any case) or its code ("RUS", "EU"). */
export function resolveDelegation(input: string): Delegation | undefined {
  const wanted = normalise(input);
  if (wanted === '') return undefined;
  return DELEGATIONS.find((d) => normalise(d.name) === wanted) ?? delegationById(input.trim().toUpperCase());
}

/** Checks the join form's two fields. */
export function validateJoin(name: string, delegationInput: string): JoinResult {
  const cleanName = name.trim().replace(/\s+/g, ' ');
  if (cleanName === '') return { ok: false, field: 'name', message: 'Enter your name.' };
  if (cleanName.length > MAX_NAME_LENGTH) {
    return { ok: false, field: 'name', message: `Use at most ${MAX_NAME_LENGTH} characters.` };
  }
  const delegation = resolveDelegation(delegationInput);
  if (!delegation) {
    return { ok: false, field: 'delegation', message: 'Choose a delegation from the list.' };
  }
  return { ok: true, identity: { name: cleanName, delegationId: delegation.id } };
}

/** Reads a stored identity; anything malformed or naming an unknown delegation counts as none. */
export function parseIdentity(raw: string | null): Identity | null {
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { name, delegationId } = value as Record<string, unknown>;
  if (typeof name !== 'string' || typeof delegationId !== 'string') return null;
  const result = validateJoin(name, delegationId);
  return result.ok ? result.identity : null;
}

/** The identity stored in `storage`, or null. */
export function loadIdentity(storage: Pick<Storage, 'getItem'>): Identity | null {
  return parseIdentity(storage.getItem(IDENTITY_STORAGE_KEY));
}

/** Stores `identity` for the next visit. */
export function saveIdentity(storage: Pick<Storage, 'setItem'>, identity: Identity): void {
  storage.setItem(
    IDENTITY_STORAGE_KEY,
    JSON.stringify({ name: identity.name, delegationId: identity.delegationId }),
  );
}

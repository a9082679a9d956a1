import type * as Y from 'yjs';
import { isDelegationId as knownDelegation } from '../delegations.ts';
import type { DelegationId } from '../ids.ts';

/**
 * Bracket records (BR rules in SPEC.md). A bracket's place is in the treaty (a `bracket` mark or a block's
 * `bracket` attribute naming its id); who asked for it, why, and what became of it live in a top-level Y.Map
 * beside the treaty, so they sync, persist and merge like the text.
 */

/** Top-level Y.Map of bracket records (README, "Y.Doc layout"). */
export const BRACKETS_MAP = 'brackets';

/**
 * BR2, BR4, BR6: the life of a bracket. Only `open` brackets are in the text; the others are history. A picked
 * option stays open (a single bracket, `derivedFrom` it) until the chair agrees it.
 */
export type BracketStatus = 'open' | 'lifted' | 'agreed' | 'not-chosen' | 'merged' | 'dropped';
export const BRACKET_STATUSES: readonly BracketStatus[] = [
  'open',
  'lifted',
  'agreed',
  'not-chosen',
  'merged',
  'dropped',
];

/** Where a bracket's text came from when the chair derived it from options (BR6, BR7). */
export interface Derivation {
  /** The options it was derived from, with their number in the group and their owner at that time. */
  readonly options: readonly {
    readonly id: string;
    readonly n: number;
    readonly delegation: DelegationId | null;
  }[];
  /** The text right after the derivation, to tell later amendments by the chair (BR7). */
  readonly text: string;
}

/** What the chair's resolution (or the owner's lifting) kept of a bracket (BR6). */
export interface BracketResolution {
  readonly by: string;
  readonly byName: string;
  readonly at: string;
  /** "Article 6, paragraph 2". */
  readonly location: string;
  /** The bracketed text when it was resolved. */
  readonly text: string;
  /** For an option: its number in its group then. */
  readonly option: number | null;
}

/** The record of one bracket. `delegation` null means the Chair's (or an imported text's) bracket. */
export interface BracketRecord {
  readonly id: string;
  readonly delegation: DelegationId | null;
  readonly personId: string;
  readonly personName: string;
  readonly createdAt: string;
  readonly reason: string;
  /** The bracket this one is an option of (BR5), or null. */
  readonly group: string | null;
  readonly status: BracketStatus;
  readonly derivedFrom: Derivation | null;
  readonly resolution: BracketResolution | null;
}

/** BR1: the most characters a reason may have. */
export const MAX_REASON_LENGTH = 500;

/** The map of bracket records of a Y.Doc (id → record). */
export function bracketsMap(ydoc: Y.Doc): Y.Map<BracketRecord> {
  return ydoc.getMap<BracketRecord>(BRACKETS_MAP);
}

/** Web Crypto, present in browsers and Node ≥ 19 (shared/ has no DOM or Node types). */
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh bracket id: "b" and 11 random characters; never reused. */
export function newBracketId(): string {
  let id = 'b';
  const bytes = new Uint8Array(11);
  crypto.getRandomValues(bytes);
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length];
  return id;
}

/** Whether `value` looks like a bracket id. */
export function isBracketId(value: unknown): value is string {
  return typeof value === 'string' && /^b[a-z0-9]{11}$/.test(value);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
const isDelegationOrNull = (value: unknown): value is DelegationId | null =>
  value === null || (typeof value === 'string' && knownDelegation(value));

function isDerivation(value: unknown): value is Derivation {
  if (!isObject(value) || typeof value.text !== 'string' || !Array.isArray(value.options)) return false;
  return value.options.every(
    (option: unknown) =>
      isObject(option) &&
      isBracketId(option.id) &&
      typeof option.n === 'number' &&
      isDelegationOrNull(option.delegation),
  );
}

function isResolution(value: unknown): value is BracketResolution {
  if (!isObject(value)) return false;
  return (
    ['by', 'byName', 'at', 'location', 'text'].every((key) => typeof value[key] === 'string') &&
    (value.option === null || typeof value.option === 'number')
  );
}

/** Validates a record read from the (untrusted) Y.Map; null when malformed. */
export function parseBracketRecord(value: unknown): BracketRecord | null {
  if (!isObject(value)) return null;
  const { id, delegation, personId, personName, createdAt, reason, group, status } = value;
  const derivedFrom = value.derivedFrom ?? null;
  const resolution = value.resolution ?? null;
  if (!isBracketId(id) || typeof personId !== 'string' || typeof personName !== 'string') return null;
  if (!isDelegationOrNull(delegation) || typeof createdAt !== 'string') return null;
  if (typeof reason !== 'string' || reason.length > MAX_REASON_LENGTH) return null;
  if (group !== null && !isBracketId(group)) return null;
  if (!BRACKET_STATUSES.includes(status as BracketStatus)) return null;
  if (derivedFrom !== null && !isDerivation(derivedFrom)) return null;
  if (resolution !== null && !isResolution(resolution)) return null;
  return {
    id,
    delegation,
    personId,
    personName,
    createdAt,
    reason,
    group: group as string | null,
    status: status as BracketStatus,
    derivedFrom: derivedFrom as Derivation | null,
    resolution: resolution as BracketResolution | null,
  };
}

/** Every valid bracket record of a Y.Doc, by id. */
export function readBrackets(ydoc: Y.Doc): Map<string, BracketRecord> {
  const records = new Map<string, BracketRecord>();
  for (const [id, value] of bracketsMap(ydoc)) {
    const record = parseBracketRecord(value);
    if (record && record.id === id) records.set(id, record);
  }
  return records;
}

/** Who asks for a bracket (BR2): a person of a delegation, or the Chair (delegation null). */
export interface BracketAuthor {
  readonly delegation: DelegationId | null;
  readonly personId: string;
  readonly personName: string;
}

/** The record of a new open bracket (BR2); not yet written anywhere. */
export function newBracketRecord(
  author: BracketAuthor,
  options: { reason?: string; group?: string | null; id?: string; now?: Date } = {},
): BracketRecord {
  return {
    id: options.id ?? newBracketId(),
    delegation: author.delegation,
    personId: author.personId,
    personName: author.personName,
    createdAt: (options.now ?? new Date()).toISOString(),
    reason: (options.reason ?? '').slice(0, MAX_REASON_LENGTH),
    group: options.group ?? null,
    status: 'open',
    derivedFrom: null,
    resolution: null,
  };
}

/** Writes the record of a new open bracket into `ydoc` (BR2) and returns its id. */
export function createBracket(
  ydoc: Y.Doc,
  author: BracketAuthor,
  options: { reason?: string; group?: string | null; id?: string } = {},
): string {
  const record = newBracketRecord(author, options);
  bracketsMap(ydoc).set(record.id, record);
  return record.id;
}

/** BR2: the owner sets the reason of its open bracket (at most MAX_REASON_LENGTH characters). */
export function setBracketReason(ydoc: Y.Doc, record: BracketRecord, reason: string): void {
  bracketsMap(ydoc).set(record.id, { ...record, reason: reason.trim().slice(0, MAX_REASON_LENGTH) });
}

import type * as Y from 'yjs';
import { isDelegationId as knownDelegation } from '../delegations.ts';
import type { DelegationId } from '../ids.ts';

/**
 * Proposal records (PR rules in SPEC.md). The text of a proposal lives in the treaty as `insertion` and
 * `deletion` marks (and `inserted`/`deleted` block attributes) naming the proposal id; its record and the
 * positions other delegations take on it live in two top-level Y.Maps beside the treaty.
 */

/** Top-level Y.Map names (README, "Y.Doc layout"). */
export const PROPOSALS_MAP = 'proposals';
export const POSITIONS_MAP = 'positions';

/** PR4: the life of a proposal. Only `open` proposals can change; the others are history. */
export type ProposalStatus = 'open' | 'accepted' | 'rejected' | 'withdrawn' | 'superseded';
export const PROPOSAL_STATUSES: readonly ProposalStatus[] = [
  'open',
  'accepted',
  'rejected',
  'withdrawn',
  'superseded',
];

/** What the chair's decision kept of the proposal, so that the record survives accept and reject (PR7). */
export interface Decision {
  readonly by: string;
  readonly byName: string;
  readonly at: string;
  /** Where the proposal was: "Article 3, paragraph 2". */
  readonly location: string;
  readonly inserted: string;
  readonly deleted: string;
  /**
   * The ids of the blocks (paragraphs, articles and the blocks inside them) the proposal added or removed, so
   * that a comparison attributes a new paragraph to its delegation after acceptance (RV6). Absent in records
   * decided before it was kept.
   */
  readonly blocks?: readonly string[];
}

/** The record of one proposal. `delegation` null means the Chair's own proposal. */
export interface ProposalRecord {
  readonly id: string;
  readonly delegation: DelegationId | null;
  readonly personId: string;
  readonly personName: string;
  readonly createdAt: string;
  readonly note: string;
  readonly status: ProposalStatus;
  readonly decision: Decision | null;
}

/** PR5: a delegation's position on a proposal. */
export type Stance = 'cosponsor' | 'support' | 'oppose';
export const STANCES: readonly Stance[] = ['cosponsor', 'support', 'oppose'];

export interface Position {
  readonly stance: Stance;
  readonly personId: string;
  readonly at: string;
}

/** The map of proposal records of a Y.Doc (id → record). */
export function proposalsMap(ydoc: Y.Doc): Y.Map<ProposalRecord> {
  return ydoc.getMap<ProposalRecord>(PROPOSALS_MAP);
}

/** The map of positions of a Y.Doc (`positionKey` → position). */
export function positionsMap(ydoc: Y.Doc): Y.Map<Position> {
  return ydoc.getMap<Position>(POSITIONS_MAP);
}

/** PR5: the key of a delegation's position on a proposal: one position per delegation and proposal. */
export function positionKey(proposalId: string, delegation: DelegationId): string {
  return `${proposalId}|${delegation}`;
}

/** The proposal id and delegation of a position key, or null when malformed. */
export function parsePositionKey(key: string): { proposalId: string; delegation: DelegationId } | null {
  const bar = key.lastIndexOf('|');
  if (bar <= 0) return null;
  const delegation = key.slice(bar + 1);
  if (!knownDelegation(delegation)) return null;
  return { proposalId: key.slice(0, bar), delegation };
}

/** Web Crypto, present in browsers and Node ≥ 19 (shared/ has no DOM or Node types). */
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh proposal id: "p" and 11 random characters (PR3: ids are never reused). */
export function newProposalId(): string {
  let id = 'p';
  const bytes = new Uint8Array(11);
  crypto.getRandomValues(bytes);
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length];
  return id;
}

/** Whether `value` looks like a proposal id. */
export function isProposalId(value: unknown): value is string {
  return typeof value === 'string' && /^p[a-z0-9]{11}$/.test(value);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** Validates a record read from the (untrusted) Y.Map; null when malformed. */
export function parseProposalRecord(value: unknown): ProposalRecord | null {
  if (!isRecord(value)) return null;
  const { id, delegation, personId, personName, createdAt, note, status, decision } = value;
  if (!isProposalId(id) || typeof personId !== 'string' || typeof personName !== 'string') return null;
  if (delegation !== null && !(typeof delegation === 'string' && knownDelegation(delegation))) return null;
  if (typeof createdAt !== 'string' || typeof note !== 'string' || note.length > 2000) return null;
  if (!PROPOSAL_STATUSES.includes(status as ProposalStatus)) return null;
  if (decision !== null && !isDecision(decision)) return null;
  return {
    id,
    delegation: delegation as DelegationId | null,
    personId,
    personName,
    createdAt,
    note,
    status: status as ProposalStatus,
    decision: decision as Decision | null,
  };
}

function isDecision(value: unknown): value is Decision {
  if (!isRecord(value)) return false;
  const blocks = value.blocks;
  return (
    ['by', 'byName', 'at', 'location', 'inserted', 'deleted'].every(
      (key) => typeof value[key] === 'string',
    ) &&
    (blocks === undefined ||
      (Array.isArray(blocks) && blocks.length <= 10_000 && blocks.every((id) => typeof id === 'string')))
  );
}

/** Validates a position read from the Y.Map; null when malformed. */
export function parsePosition(value: unknown): Position | null {
  if (!isRecord(value)) return null;
  const { stance, personId, at } = value;
  if (!STANCES.includes(stance as Stance) || typeof personId !== 'string' || typeof at !== 'string')
    return null;
  return { stance: stance as Stance, personId, at };
}

/** Every valid record of a Y.Doc, by id. */
export function readProposals(ydoc: Y.Doc): Map<string, ProposalRecord> {
  const records = new Map<string, ProposalRecord>();
  for (const [id, value] of proposalsMap(ydoc)) {
    const record = parseProposalRecord(value);
    if (record && record.id === id) records.set(id, record);
  }
  return records;
}

/** The positions on `proposalId`, by delegation. */
export function readPositions(ydoc: Y.Doc, proposalId: string): Map<DelegationId, Position> {
  const positions = new Map<DelegationId, Position>();
  for (const [key, value] of positionsMap(ydoc)) {
    const parsed = parsePositionKey(key);
    const position = parsePosition(value);
    if (parsed && position && parsed.proposalId === proposalId) positions.set(parsed.delegation, position);
  }
  return positions;
}

/** Creates the record of a new open proposal (PR4). */
export function createProposal(
  ydoc: Y.Doc,
  author: { delegation: DelegationId | null; personId: string; personName: string },
  note = '',
  id = newProposalId(),
  now = new Date(),
): ProposalRecord {
  const record: ProposalRecord = {
    id,
    delegation: author.delegation,
    personId: author.personId,
    personName: author.personName,
    createdAt: now.toISOString(),
    note,
    status: 'open',
    decision: null,
  };
  proposalsMap(ydoc).set(id, record);
  return record;
}

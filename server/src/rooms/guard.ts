import type { DelegationId, DocumentId, Role } from '@travaux/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** Who a connection belongs to, as the room needs it: stamped on presence and on every stored update. */
export interface Author {
  readonly personId: string;
  readonly name: string;
  readonly role: Role;
  readonly delegation: DelegationId | null;
  /** False for observers and convenors (AC8): nothing they send into the document is applied. */
  readonly canWrite: boolean;
}

/** The outcome of claiming Yjs client ids. */
export type Claim =
  | { readonly ok: true }
  | { readonly ok: false; readonly clientId: number; readonly ownedBy: string };

/**
 * What rooms need from the access layer, so that they enforce authorship without knowing tokens or SQL:
 * the durable client-id claims (AC7), provenance of stored updates, the audit of refusals and the presence
 * stamp (AC10).
 */
export interface RoomGuard {
  /** Every claimed client id of the document and its owner (person id). */
  clientIdOwners(documentId: DocumentId): Promise<Map<number, string>>;
  /** Durably claims `clientIds` for `personId`; refuses when one is owned by someone else. */
  claim(documentId: DocumentId, clientIds: readonly number[], personId: string): Promise<Claim>;
  /** Records who sent the update stored under `seq`. */
  recordProvenance(
    documentId: DocumentId,
    seq: number,
    author: Author,
    clientIds: readonly number[],
  ): Promise<void>;
  /** Audits a refused attempt (never throws, never waits). */
  refused(documentId: DocumentId, author: Author, reason: string, detail?: Record<string, unknown>): void;
  /** Audits the shape problems found in a stored document when it was loaded (SH8; never throws, never waits). */
  shapeProblems(documentId: DocumentId, problems: readonly string[]): void;
  /** The `user` field others see for `author` in presence. */
  stamp(author: Author): Record<string, unknown>;
}

/** Client ids whose structs an update carries (deletions name no author and are not claimed). */
export function structClients(update: Uint8Array): number[] {
  return [...Y.parseUpdateMeta(update).from.keys()];
}

/** Whether an update changes nothing: no structs and an empty delete set (an observer's normal sync step 2). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  return structs.length === 0 && ds.clients.size === 0;
}

/** One entry of an awareness update. */
export interface AwarenessEntry {
  readonly clientId: number;
  readonly clock: number;
  /** Parsed JSON state; null means "this client left". */
  readonly state: Record<string, unknown> | null;
  /** Size of the state as sent, in UTF-8 bytes of its JSON (bounded by `TRAVAUX_MAX_PRESENCE_BYTES`). */
  readonly bytes: number;
}

const utf8 = new TextDecoder();

/** Decodes an awareness update (already checked by `decodeClientFrame`). */
export function decodeAwareness(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    // readVarString's encoding: a varint byte length, then UTF-8.
    const raw = decoding.readVarUint8Array(decoder);
    const json = JSON.parse(utf8.decode(raw)) as unknown;
    const state =
      typeof json === 'object' && json !== null && !Array.isArray(json)
        ? (json as Record<string, unknown>)
        : null;
    entries.push({ clientId, clock, state, bytes: raw.byteLength });
  }
  return entries;
}

/** Encodes awareness entries back into an awareness update. */
export function encodeAwareness(entries: readonly Omit<AwarenessEntry, 'bytes'>[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}

/** A guard that lets everyone write and claims nothing durably: for room mechanics tests only. */
export function permissiveGuard(): RoomGuard {
  const owners = new Map<string, Map<number, string>>();
  return {
    clientIdOwners: async (documentId) => new Map(owners.get(documentId)),
    claim: async (documentId, clientIds, personId) => {
      const map = owners.get(documentId) ?? new Map<number, string>();
      owners.set(documentId, map);
      for (const id of clientIds) {
        const owner = map.get(id);
        if (owner && owner !== personId) return { ok: false, clientId: id, ownedBy: owner };
      }
      for (const id of clientIds) map.set(id, personId);
      return { ok: true };
    },
    recordProvenance: async () => {},
    refused: () => {},
    shapeProblems: () => {},
    stamp: (author) => ({ name: author.name, delegationId: author.delegation ?? '', role: author.role }),
  };
}

/** An author for tests of room mechanics: a delegate who may write. */
export function testAuthor(personId: string, delegation: DelegationId | null = null): Author {
  return { personId, name: personId, role: 'delegate', delegation, canWrite: true };
}

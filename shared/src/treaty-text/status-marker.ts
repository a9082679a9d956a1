import type { Node } from 'prosemirror-model';
import { isDelegationId } from '../delegations.ts';
import type { DelegationId } from '../ids.ts';
import {
  type ParagraphStatus,
  parsePackageName,
  parsePending,
  parseStatus,
  statusAttr,
} from '../status/model.ts';

/**
 * The status marker that ends a paragraph's line (TX16): `{informals}`, `{informals, pending USA CHN}`,
 * `{ad ref}`, `{adopted}`, with `; package NAME` for a package (`{open; package P1}`).
 */

/** The status attributes a marker stands for, as stored on the paragraph (SS1, SS5). */
export interface StatusAttrs {
  readonly status: string | null;
  readonly pending: string | null;
  readonly package: string | null;
}

const WORD: Record<ParagraphStatus, string> = {
  open: 'open',
  informals: 'informals',
  adref: 'ad ref',
  adopted: 'adopted',
};
const BY_WORD = new Map(Object.entries(WORD).map(([status, word]) => [word, status as ParagraphStatus]));
const MARKER =
  /^\{[ \t]*(informals|ad[ \t]+ref|adopted|open)[ \t]*(?:,[ \t]*pending\b([^;}]*))?(?:;[ \t]*package\b([^;}]*))?\}$/;
const EXPECTED =
  'Expected a status marker such as {informals}, {informals, pending USA}, {ad ref}, {adopted} or {open; package P1} (TX16).';

/**
 * Reads a status marker (the whole `{...}`). A refusal gives the 0-based index of the problem in `source`.
 * Pending delegations must be known and only an agreement in informals waits for them.
 */
export function parseStatusMarker(
  source: string,
): { ok: true; attrs: StatusAttrs } | { ok: false; index: number; message: string } {
  const match = MARKER.exec(source);
  if (!match) return { ok: false, index: 0, message: EXPECTED };
  const status = BY_WORD.get(match[1]!.replace(/[ \t]+/, ' '))!;
  let pending: DelegationId[] = [];
  if (match[2] !== undefined) {
    const at = source.indexOf('pending') + 'pending'.length;
    if (status !== 'informals') {
      return {
        ok: false,
        index: source.indexOf('pending'),
        message: 'Only {informals} waits for pending delegations (SS1).',
      };
    }
    const ids = match[2].split(/[ \t]+/).filter(Boolean);
    if (ids.length === 0) {
      return {
        ok: false,
        index: at,
        message: 'Name the pending delegations: {informals, pending USA CHN} (TX16).',
      };
    }
    for (const id of ids) {
      if (!isDelegationId(id)) {
        return { ok: false, index: source.indexOf(id, at), message: `Unknown delegation "${id}" (DL1).` };
      }
    }
    pending = ids as DelegationId[];
  }
  let name: string | null = null;
  if (match[3] !== undefined) {
    name = parsePackageName(match[3]);
    if (name === null) {
      return {
        ok: false,
        index: source.indexOf('package') + 'package'.length,
        message: 'A package name is 1 to 40 characters without braces or semicolons (TX16).',
      };
    }
  }
  return {
    ok: true,
    attrs: {
      status: statusAttr(status),
      pending: pending.length > 0 ? pending.join(' ') : null,
      package: name,
    },
  };
}

/** The canonical status marker of a paragraph (TX16), or '' for an open paragraph outside any package. */
export function writeStatusMarker(node: Node): string {
  const status = parseStatus(node.attrs.status);
  const pending = status === 'informals' ? parsePending(node.attrs.pending) : [];
  const name = parsePackageName(node.attrs.package);
  if (status === 'open' && name === null) return '';
  const pendingPart = pending.length > 0 ? `, pending ${pending.join(' ')}` : '';
  return `{${WORD[status]}${pendingPart}${name === null ? '' : `; package ${name}`}}`;
}

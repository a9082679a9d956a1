import type { Node } from 'prosemirror-model';
import { isDelegationId } from '../delegations.ts';
import type { DelegationId } from '../ids.ts';

/**
 * Paragraph status (SS rules in SPEC.md): block attributes of paragraphs and preambular paragraphs, so that a
 * status travels with its paragraph, syncs like the text and shows in every revision and diff.
 */

/** SS1: the statuses of a paragraph, in the order a negotiation moves through them. */
export type ParagraphStatus = 'open' | 'informals' | 'adref' | 'adopted';
export const PARAGRAPH_STATUSES: readonly ParagraphStatus[] = ['open', 'informals', 'adref', 'adopted'];

/** What people call each status. */
export const STATUS_LABEL: Record<ParagraphStatus, string> = {
  open: 'Open',
  informals: 'Agreed in informals',
  adref: 'Agreed ad ref',
  adopted: 'Adopted',
};

/** The node types that carry a status (SS1). */
export const STATUS_NODES: readonly string[] = ['paragraph', 'preambular_paragraph'];

/** The status attribute value of `status` (open is stored as none). */
export function statusAttr(status: ParagraphStatus): string | null {
  return status === 'open' ? null : status;
}

/** The status a stored attribute value stands for; anything unknown reads as open. */
export function parseStatus(value: unknown): ParagraphStatus {
  return value === 'informals' || value === 'adref' || value === 'adopted' ? value : 'open';
}

/** The status of a paragraph node (open for any other node). */
export function statusOf(node: Node): ParagraphStatus {
  return STATUS_NODES.includes(node.type.name) ? parseStatus(node.attrs.status) : 'open';
}

/** The delegations an "agreed in informals" waits for, from the `pending` attribute (space-separated ids). */
export function parsePending(value: unknown): DelegationId[] {
  if (typeof value !== 'string') return [];
  return value.split(/\s+/).filter((id): id is DelegationId => isDelegationId(id));
}

/** A package name as stored: 1 to 40 visible characters without braces or semicolons; null otherwise. */
export function parsePackageName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const name = value.trim();
  return /^[^{};\s][^{};]{0,39}$/.test(name) ? name : null;
}

import {
  type DelegationId,
  GROUPS,
  locationLabel,
  type ProposalKind,
  type ProposalRecord,
  type ProposalSpan,
  type ProposalStatus,
  proposalKind,
  scanProposals,
} from '@travaux/shared';
import type { Node } from 'prosemirror-model';
import type { ProposalInfo } from './proposal-store.ts';

/** One row of the proposals panel. */
export interface ProposalRow {
  readonly record: ProposalRecord;
  readonly line: string;
  readonly kind: ProposalKind;
  readonly location: string;
  readonly articleId: string | null;
  readonly inserted: string;
  readonly deleted: string;
  /** Where it starts in the text, or null once decided (its text is no longer marked). */
  readonly pos: number | null;
  /** PR9: other delegations with open proposals on the same paragraph (competing amendments). */
  readonly competing: readonly (DelegationId | null)[];
}

/** The panel's filters; null means any. */
export interface ProposalFilter {
  readonly delegation: DelegationId | 'CHAIR' | null;
  readonly group: string | null;
  readonly status: ProposalStatus | null;
  readonly article: string | null;
}

export const NO_FILTER: ProposalFilter = { delegation: null, group: null, status: 'open', article: null };

/** Every proposal with its text and place, in document order (decided ones after, newest first). */
export function proposalRows(doc: Node, info: ProposalInfo): ProposalRow[] {
  const spans: Map<string, ProposalSpan> = scanProposals(doc);
  const rows: ProposalRow[] = [];
  for (const record of info.records.values()) {
    const span = spans.get(record.id);
    if (!span && record.status === 'open') continue; // an open record with no text left (undone typing)
    rows.push({
      record,
      line: info.lines.get(record.id) ?? '',
      kind: span ? proposalKind(span) : 'empty',
      location: span ? locationLabel(span) : (record.decision?.location ?? ''),
      articleId: span?.articleId ?? null,
      inserted: span?.inserted ?? record.decision?.inserted ?? '',
      deleted: span?.deleted ?? record.decision?.deleted ?? '',
      pos: span?.pos ?? null,
      competing: [],
    });
  }
  const withCompetition = rows.map((row) => {
    if (row.record.status !== 'open' || !row.location) return row;
    const others = rows.filter(
      (other) =>
        other !== row &&
        other.record.status === 'open' &&
        other.location === row.location &&
        other.record.delegation !== row.record.delegation,
    );
    return { ...row, competing: [...new Set(others.map((other) => other.record.delegation))] };
  });
  return withCompetition.sort(
    (a, b) =>
      (a.pos ?? Number.MAX_SAFE_INTEGER) - (b.pos ?? Number.MAX_SAFE_INTEGER) ||
      b.record.createdAt.localeCompare(a.record.createdAt),
  );
}

/** The rows the filter keeps. */
export function filterRows(rows: readonly ProposalRow[], filter: ProposalFilter): ProposalRow[] {
  const group = filter.group ? GROUPS.find((g) => g.id === filter.group) : null;
  return rows.filter((row) => {
    const { delegation, status } = row.record;
    if (filter.status && status !== filter.status) return false;
    if (filter.delegation === 'CHAIR' && delegation !== null) return false;
    if (filter.delegation && filter.delegation !== 'CHAIR' && delegation !== filter.delegation) return false;
    if (group && !(delegation && (group.members as readonly string[]).includes(delegation))) return false;
    if (filter.article && row.location.split(',')[0] !== filter.article) return false;
    return true;
  });
}

/** The first proposal start after `pos` (dir 1) or before it (dir -1), wrapping around; null when none. */
export function nextProposalPos(rows: readonly ProposalRow[], pos: number, dir: 1 | -1): number | null {
  const starts = [...new Set(rows.map((row) => row.pos).filter((p): p is number => p !== null))].sort(
    (a, b) => a - b,
  );
  if (starts.length === 0) return null;
  if (dir > 0) return starts.find((p) => p > pos) ?? starts[0]!;
  return [...starts].reverse().find((p) => p < pos) ?? starts[starts.length - 1]!;
}

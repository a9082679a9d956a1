import {
  type ArticleBracketCounts,
  type BracketCounts,
  type BracketRecord,
  type BracketScan,
  type BracketSpan,
  bracketOwnerName,
  bracketProvenance,
  type DelegationId,
  locationLabel,
} from '@travaux/shared';
import type { BracketRecords } from './bracket-store.ts';

/** What the person looking at the panel may do (BR4, BR6). */
export interface BracketViewer {
  readonly role: 'chair' | 'delegate' | 'observer' | 'convenor';
  readonly delegation: DelegationId | null;
}

/** One open bracket in the panel, with the actions its viewer may take. */
export interface OpenBracketRow {
  readonly id: string;
  /** Its group's key (to merge the group). */
  readonly key: string;
  readonly owner: string;
  readonly reason: string;
  readonly text: string;
  readonly location: string;
  /** "Option 2" in a group of two or more, "Paragraph bracket", "Bracket". */
  readonly label: string;
  readonly option: number | null;
  readonly depth: number;
  readonly pos: number;
  /** BR7, for a bracket the chair derived from options. */
  readonly provenance: string | null;
  readonly canAgree: boolean;
  readonly canPick: boolean;
  readonly canMerge: boolean;
  readonly canDrop: boolean;
  readonly canLift: boolean;
  /** BR2: the owner (a delegation, or the chair for the Chair's brackets) writes the reason. */
  readonly canEditReason: boolean;
}

/** The open brackets of one article, with its counts (BR8). */
export interface ArticleBrackets {
  readonly key: string;
  readonly label: string;
  readonly counts: BracketCounts;
  readonly rows: readonly OpenBracketRow[];
}

/** A resolved bracket for the history, with its provenance (BR6, BR7). */
export interface HistoryRow {
  readonly id: string;
  readonly owner: string;
  /** "agreed by Maria Chair", "lifted by its owner" ... */
  readonly outcome: string;
  readonly location: string;
  readonly text: string;
  readonly option: number | null;
  readonly provenance: string | null;
  readonly at: string;
}

const OUTCOME: Record<Exclude<BracketRecord['status'], 'open'>, string> = {
  lifted: 'lifted',
  agreed: 'agreed (brackets removed)',
  'not-chosen': 'not chosen',
  merged: 'merged into compromise wording',
  dropped: 'dropped',
};

function labelOf(span: BracketSpan): string {
  if (span.option !== null) return `Option ${span.option}`;
  if (span.kind === 'block') return `${(span.blockType ?? 'block').replace('_', ' ')} bracket`;
  return 'Bracket';
}

/** One row per open bracket, grouped by article in document order (BR8 counts per article). */
export function openBracketRows(
  scan: BracketScan,
  records: BracketRecords,
  viewer: BracketViewer,
): ArticleBrackets[] {
  const chair = viewer.role === 'chair';
  const byArticle = new Map<string, OpenBracketRow[]>();
  const keyOf = (span: BracketSpan) =>
    span.location.articleId ??
    (span.location.article === 'Preamble'
      ? 'preamble'
      : span.location.article === 'Title'
        ? 'title'
        : span.location.article);
  for (const span of scan.spans) {
    const record = records.get(span.id);
    const inGroup = span.option !== null;
    const groupInline = scan.spans.filter((s) => s.key === span.key).every((s) => s.kind === 'inline');
    const row: OpenBracketRow = {
      id: span.id,
      key: span.key,
      owner: record ? bracketOwnerName(record) : 'unknown',
      reason: record?.reason ?? '',
      text: span.text,
      location: locationLabel(span.location),
      label: labelOf(span),
      option: span.option,
      depth: span.depth,
      pos: span.from,
      provenance: record ? bracketProvenance(record, span.text) : null,
      canAgree: chair && !inGroup,
      canPick: chair && inGroup,
      canMerge: chair && inGroup && span.option === 1 && groupInline,
      canDrop: chair,
      canLift:
        viewer.role === 'delegate' &&
        record !== undefined &&
        record.delegation === viewer.delegation &&
        !inGroup,
      canEditReason:
        (viewer.role === 'delegate' || viewer.role === 'chair') &&
        record !== undefined &&
        record.delegation === viewer.delegation,
    };
    const key = keyOf(span);
    byArticle.set(key, [...(byArticle.get(key) ?? []), row]);
  }
  return scan.perArticle.map((article: ArticleBracketCounts) => ({
    key: article.key,
    label: article.label,
    counts: { brackets: article.brackets, options: article.options, groups: article.groups },
    rows: byArticle.get(article.key) ?? [],
  }));
}

/** Resolved brackets, newest first, each with what became of it and where its text came from. */
export function historyRows(records: BracketRecords): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (const record of records.values()) {
    if (record.status === 'open' || !record.resolution) continue;
    const { resolution } = record;
    rows.push({
      id: record.id,
      owner: bracketOwnerName(record),
      outcome: `${OUTCOME[record.status]} by ${record.status === 'lifted' ? 'its owner' : resolution.byName}`,
      location: resolution.location,
      text: resolution.text,
      option: resolution.option,
      provenance: bracketProvenance(record, resolution.text),
      at: resolution.at,
    });
  }
  return rows.sort((a, b) => b.at.localeCompare(a.at));
}

/** "Brackets 12 · Options 4 in 2 groups" (BR8). */
export function countsText(counts: BracketCounts): string {
  const groups = counts.groups === 1 ? '1 group' : `${counts.groups} groups`;
  return `Brackets ${counts.brackets} · Options ${counts.options} in ${groups}`;
}

/** The merge dialog's starting wording: the options' text, in order, one per line. */
export function mergeDraft(scan: BracketScan, key: string): string {
  return scan.spans
    .filter((span) => span.key === key)
    .map((span) => span.text.trim())
    .join('\n');
}

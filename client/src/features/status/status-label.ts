import {
  delegationById,
  type ParagraphStatus,
  parsePackageName,
  parsePending,
  STATUS_LABEL,
  statusBlocks,
  statusOf,
  walkTreaty,
} from '@travaux/shared';
import type { Node } from 'prosemirror-model';

/**
 * SS6: what the margin says of a paragraph: "Agreed in informals, pending China", "Agreed ad ref · package P1".
 * Open paragraphs outside packages say nothing (white, the default).
 */
export function statusLabel(node: Node): string {
  const status = statusOf(node);
  const pending = parsePending(node.attrs.pending).map((id) => delegationById(id)?.name ?? id);
  const pack = parsePackageName(node.attrs.package);
  let label = status === 'open' ? '' : STATUS_LABEL[status];
  if (status === 'informals' && pending.length > 0) label += `, pending ${pending.join(', ')}`;
  if (pack) label = label ? `${label} · package ${pack}` : `Open · package ${pack}`;
  return label;
}

/** How many paragraphs of an article have each status (SS6, for the outline). */
export interface ArticleStatusCounts {
  readonly total: number;
  readonly agreed: number;
  readonly byStatus: Readonly<Record<ParagraphStatus, number>>;
}

/** The status counts per article id (paragraphs of the preamble under 'preamble'). */
export function statusPerArticle(doc: Node): Map<string, ArticleStatusCounts> {
  const statusAtPos = new Map<number, ParagraphStatus>();
  for (const block of statusBlocks(doc)) statusAtPos.set(block.pos, statusOf(block.node));
  const counts = new Map<
    string,
    { total: number; agreed: number; byStatus: Record<ParagraphStatus, number> }
  >();
  walkTreaty(doc, (_node, pos, where) => {
    const status = statusAtPos.get(pos);
    if (status === undefined) return true;
    const key = where.articleId ?? (where.article === 'Preamble' ? 'preamble' : where.article);
    const entry = counts.get(key) ?? {
      total: 0,
      agreed: 0,
      byStatus: { open: 0, informals: 0, adref: 0, adopted: 0 },
    };
    entry.total += 1;
    if (status !== 'open') entry.agreed += 1;
    entry.byStatus[status] += 1;
    counts.set(key, entry);
    return false;
  });
  return counts;
}

/** "2 of 3 paragraphs agreed (1 ad ref, 1 adopted)" for an outline entry; '' when there are none. */
export function statusSummaryText(counts: ArticleStatusCounts | undefined): string {
  if (!counts || counts.total === 0) return '';
  const parts = (['informals', 'adref', 'adopted'] as const)
    .filter((status) => counts.byStatus[status] > 0)
    .map((status) => `${counts.byStatus[status]} ${SHORT[status]}`);
  const noun = counts.total === 1 ? 'paragraph' : 'paragraphs';
  return `${counts.agreed} of ${counts.total} ${noun} agreed${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

const SHORT = { informals: 'in informals', adref: 'ad ref', adopted: 'adopted' } as const;

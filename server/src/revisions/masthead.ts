import { UN_LANGUAGE_NAMES } from '@travaux/shared';

export { symbolFileName } from '@travaux/shared';

import type { RevisionMeta } from '../persistence/revision-store.ts';

/** What a UN document carries at its head (UN Editorial Manual): symbol, distribution, date, original language. */
export interface Masthead {
  /** "A/AC.291/22/Rev.2"; null for the live text, which has none yet. */
  readonly symbol: string | null;
  readonly title: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  /** One of the six UN languages ('en'...). */
  readonly language: string;
  /** A line under the title ("Changes from A/AC.291/22/Rev.1 to A/AC.291/22/Rev.2"), or null. */
  readonly subtitle: string | null;
}

const LANGUAGE_NAMES: Record<string, string> = UN_LANGUAGE_NAMES;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "5 December 2026", as UN documents date themselves. */
export function documentDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  if (!year || !month || !day) return date;
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** The lines of the masthead, right-aligned in print: symbol, "Distr.: General", date, "Original: English". */
export function mastheadLines(masthead: Masthead): string[] {
  return [
    masthead.symbol ?? 'Working text',
    'Distr.: General',
    documentDate(masthead.date),
    `Original: ${LANGUAGE_NAMES[masthead.language] ?? 'English'}`,
  ];
}

/** The masthead of a revision, or of the live text (no symbol, today's date). */
export function mastheadOf(
  meta: RevisionMeta | null,
  title: string,
  subtitle: string | null = null,
): Masthead {
  if (meta === null)
    return { symbol: null, title, date: new Date().toISOString().slice(0, 10), language: 'en', subtitle };
  return {
    symbol: meta.kind === 'revision' ? meta.symbol : null,
    title: meta.title || title,
    date: meta.date || meta.createdAt.slice(0, 10),
    language: meta.language || 'en',
    subtitle,
  };
}

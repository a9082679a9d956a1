import { type ArticleBracketCounts, type OutlineEntry, treatyOutline } from '@travaux/shared';
import type { Node } from 'prosemirror-model';
import { memo, useMemo } from 'react';
import { countsText } from '../brackets/bracket-list.ts';
import { type ArticleStatusCounts, statusSummaryText } from '../status/status-label.ts';
import { outlineText } from './outline-navigation.ts';

interface OutlineProps {
  readonly doc: Node | null;
  readonly onGo: (entry: OutlineEntry) => void;
  /** BR8: bracket counts per article id. */
  readonly brackets?: ReadonlyMap<string, ArticleBracketCounts>;
  /** SS6: paragraph statuses per article id. */
  readonly statuses?: ReadonlyMap<string, ArticleStatusCounts>;
}

/**
 * The side outline: parts, chapters, sections, sub-sections, titles and articles as buttons that take the cursor to their heading, each article with
 * its live bracket counts (BR8) and how many of its paragraphs are agreed (SS6). Memoised: the room re-renders
 * on every editor state, the outline only when its document, counts or handler change.
 */
export const Outline = memo(function Outline({ doc, onGo, brackets, statuses }: OutlineProps) {
  const entries = useMemo(() => (doc ? treatyOutline(doc) : []), [doc]);
  return (
    <nav className="panel outline" aria-label="Outline">
      <h2>Outline</h2>
      {entries.length === 0 ? (
        <p className="muted">No articles yet.</p>
      ) : (
        <ol className="outline-list">
          {entries.map((entry, index) => {
            const counts = entry.kind === 'article' && entry.id ? brackets?.get(entry.id) : undefined;
            const statusCounts = entry.kind === 'article' && entry.id ? statuses?.get(entry.id) : undefined;
            const status = statusSummaryText(statusCounts);
            return (
              <li
                key={entry.id ?? `at-${index}`}
                className={`outline-${entry.kind}`}
                // NU7: every level of the structure shows, indented as the text nests it (ST5).
                style={{ marginInlineStart: `${entry.depth * 0.75}rem` }}
              >
                <button type="button" className="outline-link" onClick={() => onGo(entry)}>
                  {outlineText(entry)}
                </button>
                {counts && counts.brackets > 0 && <p className="outline-brackets">{countsText(counts)}</p>}
                {status && (
                  <p className={`outline-status${statusCounts?.agreed ? ' some-agreed' : ''}`}>{status}</p>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </nav>
  );
});

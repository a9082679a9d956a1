import { type OutlineEntry, treatyOutline } from '@travaux/shared';
import type { Node } from 'prosemirror-model';
import { memo, useMemo } from 'react';
import { outlineText } from './outline-navigation.ts';

interface OutlineProps {
  readonly doc: Node | null;
  readonly onGo: (entry: OutlineEntry) => void;
}

/**
 * The side outline: chapters and articles as buttons that take the cursor to their heading. Memoised: the
 * room re-renders on every editor state, the outline only when its document or handler changes.
 */
export const Outline = memo(function Outline({ doc, onGo }: OutlineProps) {
  const entries = useMemo(() => (doc ? treatyOutline(doc) : []), [doc]);
  return (
    <nav className="panel outline" aria-label="Outline">
      <h2>Outline</h2>
      {entries.length === 0 ? (
        <p className="muted">No articles yet.</p>
      ) : (
        <ol className="outline-list">
          {entries.map((entry, index) => (
            <li key={entry.id ?? `at-${index}`} className={`outline-${entry.kind}`}>
              <button type="button" className="outline-link" onClick={() => onGo(entry)}>
                {outlineText(entry)}
              </button>
            </li>
          ))}
        </ol>
      )}
    </nav>
  );
});

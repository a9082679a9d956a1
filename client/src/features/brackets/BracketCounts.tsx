import type { BracketCounts as Counts } from '@travaux/shared';
import { BRACKET_KEYS } from './bracket-keymap.ts';
import { countsText } from './bracket-list.ts';

/** BR8: the live counts of the whole text, always shown, with "next bracket" navigation. */
export function BracketCounts({
  counts,
  onStep,
  caretNote,
}: {
  counts: Counts | null;
  onStep: (dir: 1 | -1) => void;
  /** Who asked for the bracket at the caret ("In Option 2 of Mexico"), or ''. */
  caretNote: string;
}) {
  const none = !counts || counts.brackets === 0;
  return (
    <div className="bracket-counts">
      <p className="bracket-total" aria-live="polite" data-testid="bracket-total">
        {countsText(counts ?? { brackets: 0, options: 0, groups: 0 })}
      </p>
      <button
        type="button"
        disabled={none}
        onClick={() => onStep(-1)}
        aria-keyshortcuts={BRACKET_KEYS.previous.aria}
        title={`Previous bracket (${BRACKET_KEYS.previous.label})`}
      >
        Previous bracket
      </button>
      <button
        type="button"
        disabled={none}
        onClick={() => onStep(1)}
        aria-keyshortcuts={BRACKET_KEYS.next.aria}
        title={`Next bracket (${BRACKET_KEYS.next.label})`}
      >
        Next bracket
      </button>
      <p className="caret-bracket" aria-live="polite">
        {caretNote}
      </p>
    </div>
  );
}

import type { ChairEdit } from '@travaux/shared';
import { useState } from 'react';

/** How an edit reads in the list: "“Bearing in mind” → “Recalling”". */
function words(edit: ChairEdit): string {
  const quote = (text: string) => `“${text.length > 80 ? `${text.slice(0, 79)}…` : text}”`;
  if (edit.removed && edit.inserted) return `${quote(edit.removed)} → ${quote(edit.inserted)}`;
  if (edit.inserted) return `added ${quote(edit.inserted)}`;
  return `removed ${quote(edit.removed)}`;
}

/**
 * PR14: the chair's direct edits, newest first, with their time and words; for the chair, Undo (Redo once
 * undone), which reverts exactly that edit while the text still holds it.
 */
export function ChairEditsList({
  edits,
  onUndo,
}: {
  edits: readonly ChairEdit[];
  /** The chair's Undo (or Redo, `redo`); absent for everyone else. */
  onUndo?: (edit: ChairEdit, redo: boolean) => boolean;
}) {
  const shown = edits.filter((edit) => edit.inserted || edit.removed);
  const [notice, setNotice] = useState('');
  return (
    <section className="panel chair-edits" aria-labelledby="chair-edits-heading">
      <h2 id="chair-edits-heading">Chair's edits</h2>
      {shown.length === 0 ? (
        <p className="muted">The chair has not edited the text directly.</p>
      ) : (
        <ul>
          {[...shown].reverse().map((edit) => (
            <li key={edit.id} className={edit.undone ? 'undone' : undefined}>
              <time dateTime={edit.at}>{edit.at.slice(11, 16)} UTC</time> {words(edit)}
              {!edit.marked && <span className="muted"> (mechanical fix, not marked)</span>}
              {edit.undone && <span className="muted"> (undone)</span>}
              {onUndo && (
                <button
                  type="button"
                  onClick={() =>
                    setNotice(
                      onUndo(edit, edit.undone !== null)
                        ? ''
                        : 'The text has changed there since: this edit can no longer be undone or redone as it was.',
                    )
                  }
                  aria-label={`${edit.undone ? 'Redo' : 'Undo'} the Chair's edit: ${words(edit)}`}
                >
                  {edit.undone ? 'Redo' : 'Undo'}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="muted" aria-live="polite">
        {notice}
      </p>
    </section>
  );
}

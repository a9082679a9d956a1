import { useEffect, useId, useRef, useState } from 'react';

interface WordingDialogProps {
  /** Shown while non-null: the dialog's heading. */
  readonly title: string | null;
  /** What the text area is called ("Alternative wording", "Compromise wording"). */
  readonly label: string;
  readonly hint?: string;
  readonly initial?: string;
  /** Whether to ask for an optional reason (a new bracket's, BR1). */
  readonly withReason: boolean;
  readonly submitLabel: string;
  /** Returns a refusal to show, or null when done. */
  readonly onSubmit: (text: string, reason: string) => string | null;
  readonly onClose: () => void;
}

/** A modal asking for wording (an option, a paragraph alt, the chair's compromise) and an optional reason. */
export function WordingDialog(props: WordingDialogProps) {
  const { title, label, hint, initial = '', withReason, submitLabel, onSubmit, onClose } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const ids = useId();
  const [text, setText] = useState(initial);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (title !== null && !element.open) {
      setText(initial);
      setReason('');
      setError(null);
      element.showModal();
    } else if (title === null && element.open) element.close();
  }, [title, initial]);

  return (
    <dialog ref={dialog} className="wording-dialog" aria-labelledby={`${ids}-title`} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (!text.trim()) {
            setError('Write the wording first.');
            return;
          }
          const refusal = onSubmit(text, reason.trim());
          if (refusal) setError(refusal);
          else dialog.current?.close();
        }}
      >
        <h2 id={`${ids}-title`}>{title}</h2>
        {hint && <p className="muted">{hint}</p>}
        <label htmlFor={`${ids}-text`}>{label}</label>
        <textarea
          id={`${ids}-text`}
          rows={4}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        {withReason && (
          <>
            <label htmlFor={`${ids}-reason`}>Reason (optional)</label>
            <input
              id={`${ids}-reason`}
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </>
        )}
        {error && (
          <p role="alert" className="dialog-error">
            {error}
          </p>
        )}
        <p className="dialog-actions">
          <button type="submit">{submitLabel}</button>
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </p>
      </form>
    </dialog>
  );
}

import { type FormEvent, useId, useState } from 'react';
import { useLocation } from 'wouter';
import { type ApiError, describeApiError } from '../../api/api-error.ts';
import { createDocument } from '../../api/documents.ts';

/**
 * Creates a document from a title and an optional plain-text draft. A malformed draft is refused by the server
 * with its line and column; the message sits next to the draft, which keeps its text so it can be fixed.
 */
export function CreateDocumentForm() {
  const ids = useId();
  const [, navigate] = useLocation();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [release, setRelease] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const fields = {
      ...(title.trim() !== '' ? { title: title.trim() } : {}),
      ...(text.trim() !== '' ? { text } : {}),
      ...(release ? {} : { released: false }),
    };
    const result = await createDocument(fields);
    setBusy(false);
    if (result.ok) navigate(`/d/${result.value.id}`);
    else setError(result.error);
  };

  const draftError = error?.reason === 'invalid-treaty-text';
  const errorId = `${ids}-error`;
  return (
    <section className="create-document" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>New document</h2>
      <form onSubmit={submit} noValidate>
        <label htmlFor={`${ids}-title`}>Title</label>
        <input
          id={`${ids}-title`}
          name="title"
          value={title}
          maxLength={300}
          placeholder="Taken from the draft's first line when left empty"
          onChange={(e) => setTitle(e.target.value)}
        />
        <label htmlFor={`${ids}-text`}>Plain-text draft (optional)</label>
        <p className="hint" id={`${ids}-hint`}>
          The title on the first line, then “Article 1”, its heading, and numbered paragraphs such as “1. Each
          State Party shall…”, with subparagraphs “(a)”.
        </p>
        <textarea
          id={`${ids}-text`}
          name="text"
          rows={10}
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={draftError ? true : undefined}
          aria-describedby={draftError ? `${ids}-hint ${errorId}` : `${ids}-hint`}
        />
        <label className="checkbox-label" htmlFor={`${ids}-release`}>
          <input
            id={`${ids}-release`}
            type="checkbox"
            checked={release}
            onChange={(e) => setRelease(e.target.checked)}
          />
          Release to the whole roster now
        </label>
        <p className="hint">Unticked, only the chair and the convenor see the draft until it is released.</p>
        {error && (
          <p className="field-error" id={errorId} role="alert">
            {describeApiError(error)}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create document'}
        </button>
      </form>
    </section>
  );
}

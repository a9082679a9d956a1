import type { Compilation, CompiledLine, DocumentId } from '@travaux/shared';
import { useRef, useState } from 'react';
import { describeApiError } from '../../api/api-error.ts';
import { compilationDocx, fetchCompilation, fetchCompilationData } from '../../api/documents.ts';

/** Saves `blob` under `name` through a temporary link. */
function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function Lines({ lines }: { lines: readonly CompiledLine[] }) {
  return (
    <div className="compiled-text">
      {lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one paragraph never move.
        <p key={index} className={`compiled-line level-${line.level}`}>
          {line.label && <span className="compiled-label">{line.label} </span>}
          {line.text}
        </p>
      ))}
    </div>
  );
}

/** "Compilation of proposals" (PR12) as a formatted page in a dialog, with Word and text downloads. */
export function CompilationDialog({ documentId }: { documentId: DocumentId }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [compilation, setCompilation] = useState<Compilation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    const result = await fetchCompilationData(documentId);
    setCompilation(result.ok ? result.value : null);
    setError(result.ok ? null : describeApiError(result.error));
    dialog.current?.showModal();
  };
  const download = async (format: 'docx' | 'txt') => {
    if (format === 'docx') {
      const result = await compilationDocx(documentId);
      if (result.ok) save(result.value, `compilation-${documentId}.docx`);
      else setError(describeApiError(result.error));
    } else {
      const result = await fetchCompilation(documentId);
      if (result.ok)
        save(new Blob([result.value], { type: 'text/plain;charset=utf-8' }), `compilation-${documentId}.txt`);
      else setError(describeApiError(result.error));
    }
  };
  return (
    <>
      <button type="button" onClick={open}>
        Compilation of proposals
      </button>
      <dialog ref={dialog} className="compilation" aria-labelledby="compilation-heading">
        <h2 id="compilation-heading">Compilation of proposals</h2>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {compilation && (
          <article className="compilation-page" aria-label="Compilation">
            <h3 className="compilation-title">{compilation.title}</h3>
            {compilation.entries.length === 0 && <p className="muted">No open proposals.</p>}
            {compilation.entries.map((entry) => (
              <section key={entry.location} aria-label={entry.location}>
                <h4>{entry.location}</h4>
                {entry.base.length === 0 ? (
                  <p className="muted">New paragraph</p>
                ) : (
                  <Lines lines={entry.base} />
                )}
                {entry.proposals.map((proposal) => (
                  <div key={proposal.id} className="compiled-proposal">
                    <p className="compiled-attribution">
                      {proposal.attribution} ({proposal.what}):
                    </p>
                    {proposal.what === 'delete the paragraph' ? (
                      <p className="muted">[paragraph deleted]</p>
                    ) : (
                      <Lines lines={proposal.lines} />
                    )}
                    {proposal.note && <p className="muted">Note: {proposal.note}</p>}
                  </div>
                ))}
              </section>
            ))}
          </article>
        )}
        <p className="dialog-actions">
          <button type="button" onClick={() => download('docx')}>
            Download Word file
          </button>
          <button type="button" onClick={() => download('txt')}>
            Download as text
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            Close
          </button>
        </p>
      </dialog>
    </>
  );
}

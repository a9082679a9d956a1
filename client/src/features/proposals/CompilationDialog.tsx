import type { DocumentId } from '@travaux/shared';
import { useRef, useState } from 'react';
import { describeApiError } from '../../api/api-error.ts';
import { fetchCompilation } from '../../api/documents.ts';

/** "Compilation of proposals": the plain-text compilation (PR12) in a dialog, with a download. */
export function CompilationDialog({ documentId }: { documentId: DocumentId }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState<string | null>(null);
  const open = async () => {
    const result = await fetchCompilation(documentId);
    setText(result.ok ? result.value : describeApiError(result.error));
    dialog.current?.showModal();
  };
  const href = text ? URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' })) : undefined;
  return (
    <>
      <button type="button" onClick={open}>
        Compilation of proposals
      </button>
      <dialog ref={dialog} className="compilation" aria-labelledby="compilation-heading">
        <h2 id="compilation-heading">Compilation of proposals</h2>
        <pre>{text}</pre>
        <p className="dialog-actions">
          <a href={href} download={`compilation-${documentId}.txt`}>
            Download as text
          </a>
          <button type="button" onClick={() => dialog.current?.close()}>
            Close
          </button>
        </p>
      </dialog>
    </>
  );
}

import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../api/api-error.ts';
import { type DocumentSummary, listDocuments } from '../../api/documents.ts';

/** The documents list as the page renders it. */
export type DocumentsState =
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly documents: readonly DocumentSummary[] }
  | { readonly status: 'failed'; readonly error: ApiError };

/** Loads the document list once on mount; `reload()` fetches it again. */
export function useDocuments(): { state: DocumentsState; reload: () => void } {
  const [state, setState] = useState<DocumentsState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is the reload trigger.
  useEffect(() => {
    let current = true;
    void listDocuments().then((result) => {
      if (!current) return;
      setState(
        result.ok ? { status: 'loaded', documents: result.value } : { status: 'failed', error: result.error },
      );
    });
    return () => {
      current = false;
    };
  }, [generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, reload };
}

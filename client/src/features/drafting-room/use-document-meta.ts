import type { DocumentId } from '@travaux/shared';
import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../api/api-error.ts';
import { type DocumentSummary, getDocument } from '../../api/documents.ts';

/** The catalog record of a document: loading, found, or why not. */
export type DocumentMeta =
  | { readonly status: 'loading' }
  | { readonly status: 'found'; readonly document: DocumentSummary }
  | { readonly status: 'failed'; readonly error: ApiError };

/**
 * Fetches `GET /api/documents/:id` once per id, and again when `reload` is called (the server said the document
 * was archived, restored, released or withheld); a reload keeps showing the last record until the new one comes.
 */
export function useDocumentMeta(documentId: DocumentId): DocumentMeta & { reload(): void } {
  const [meta, setMeta] = useState<DocumentMeta>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((a) => a + 1), []);
  useEffect(() => {
    let current = true;
    if (attempt === 0) setMeta({ status: 'loading' });
    void getDocument(documentId).then((result) => {
      if (!current) return;
      setMeta(
        result.ok ? { status: 'found', document: result.value } : { status: 'failed', error: result.error },
      );
    });
    return () => {
      current = false;
    };
  }, [documentId, attempt]);
  return { ...meta, reload };
}

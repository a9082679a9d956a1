import type { DocumentId } from '@travaux/shared';
import { useEffect, useState } from 'react';
import type { ApiError } from '../../api/api-error.ts';
import { type DocumentSummary, getDocument } from '../../api/documents.ts';

/** The catalog record of a document: loading, found, or why not. */
export type DocumentMeta =
  | { readonly status: 'loading' }
  | { readonly status: 'found'; readonly document: DocumentSummary }
  | { readonly status: 'failed'; readonly error: ApiError };

/** Fetches `GET /api/documents/:id` once per id. */
export function useDocumentMeta(documentId: DocumentId): DocumentMeta {
  const [meta, setMeta] = useState<DocumentMeta>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    setMeta({ status: 'loading' });
    void getDocument(documentId).then((result) => {
      if (!current) return;
      setMeta(
        result.ok ? { status: 'found', document: result.value } : { status: 'failed', error: result.error },
      );
    });
    return () => {
      current = false;
    };
  }, [documentId]);
  return meta;
}

import type { BracketRecord, TreatyDiff } from '@travaux/shared';
import type { ApiResult } from './api-error.ts';
import { requestBlob, requestJson, sendJson } from './http.ts';

/** A revision or checkpoint as the server lists it. */
export interface RevisionMeta {
  readonly id: string;
  readonly kind: 'revision' | 'checkpoint';
  readonly symbol: string;
  readonly title: string;
  readonly date: string;
  readonly language: string;
  readonly createdAt: string;
  readonly createdBy: string;
}

/** What the chair gives when issuing a revision. */
export interface NewRevision {
  readonly symbol: string;
  readonly title: string;
  readonly date: string;
  readonly language: string;
}

const base = (documentId: string) => `/api/documents/${encodeURIComponent(documentId)}`;

function field<T>(result: ApiResult<unknown>, key: string): ApiResult<T> {
  if (!result.ok) return result;
  const value = (result.value as Record<string, unknown> | null)?.[key];
  return value === undefined
    ? { ok: false, error: { reason: 'unexpected-response' } }
    : { ok: true, value: value as T };
}

export async function listRevisions(documentId: string): Promise<ApiResult<RevisionMeta[]>> {
  return field(await requestJson(`${base(documentId)}/revisions`), 'revisions');
}

export async function issueRevision(
  documentId: string,
  revision: NewRevision,
): Promise<ApiResult<RevisionMeta>> {
  return field(await sendJson(`${base(documentId)}/revisions`, 'POST', revision), 'revision');
}

/** A revision's content: its treaty (ProseMirror JSON) and the bracket records of that moment (BR1). */
export interface RevisionContent {
  readonly revision: RevisionMeta;
  readonly treaty: unknown;
  readonly brackets: readonly BracketRecord[];
}

export async function getRevision(documentId: string, id: string): Promise<ApiResult<RevisionContent>> {
  const result = await requestJson(`${base(documentId)}/revisions/${encodeURIComponent(id)}`);
  return result.ok ? { ok: true, value: result.value as RevisionContent } : result;
}

export async function forkRevision(documentId: string, id: string): Promise<ApiResult<{ id: string }>> {
  return field(
    await sendJson(`${base(documentId)}/revisions/${encodeURIComponent(id)}/fork`, 'POST'),
    'document',
  );
}

/** A diff between two sides: revision or checkpoint ids, or "live". */
export interface DiffResponse {
  readonly from: RevisionMeta | null;
  readonly to: RevisionMeta | null;
  readonly diff: TreatyDiff;
}

const query = (from: string, to: string) => `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

export async function getDiff(
  documentId: string,
  from: string,
  to: string,
): Promise<ApiResult<DiffResponse>> {
  const result = await requestJson(`${base(documentId)}/diff?${query(from, to)}`);
  return result.ok ? { ok: true, value: result.value as DiffResponse } : result;
}

/** The Word file (tracked changes) or the print page of a diff, as a Blob. */
export function diffExport(
  documentId: string,
  from: string,
  to: string,
  format: 'docx' | 'html',
): Promise<ApiResult<Blob>> {
  return requestBlob(`${base(documentId)}/diff.${format}?${query(from, to)}`);
}

/** RV14: a whole text as a Word file: a revision by id, or the live text (`live`). */
export function textDocx(documentId: string, revision: string): Promise<ApiResult<Blob>> {
  return requestBlob(
    revision === 'live'
      ? `${base(documentId)}/text.docx`
      : `${base(documentId)}/revisions/${encodeURIComponent(revision)}/text.docx`,
  );
}

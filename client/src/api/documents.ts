import { type Compilation, type DocumentId, isDocumentId } from '@travaux/shared';
import type { ApiResult } from './api-error.ts';
import { requestBlob, requestJson, requestText, sendJson } from './http.ts';

/** A negotiation document as listed by the server. Timestamps are ISO 8601 strings. */
export interface DocumentSummary {
  readonly id: DocumentId;
  readonly title: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** AC13: when the document was archived (read-only for everyone), or null. */
  readonly archivedAt: string | null;
  /** AC13: whether the chair has released it to the roster (only the chair and convenor see it otherwise). */
  readonly released: boolean;
}

/** Fields of `POST /api/documents`: a title, a plain-text draft, or both. */
export interface NewDocument {
  readonly title?: string;
  readonly text?: string;
  /** False: a draft the roster does not see until the chair releases it (AC13). */
  readonly released?: boolean;
}

function isoTime(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}

/** Validates one document record from the server; null when it is not one. */
export function parseDocumentSummary(value: unknown): DocumentSummary | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, title, createdAt, updatedAt, archivedAt, released } = value as Record<string, unknown>;
  if (typeof id !== 'string' || !isDocumentId(id) || typeof title !== 'string') return null;
  const created = isoTime(createdAt);
  const updated = isoTime(updatedAt);
  if (!created || !updated) return null;
  const archived = archivedAt === null || archivedAt === undefined ? null : isoTime(archivedAt);
  if (archivedAt !== null && archivedAt !== undefined && !archived) return null;
  return {
    id,
    title,
    createdAt: created,
    updatedAt: updated,
    archivedAt: archived,
    released: released !== false,
  };
}

function documentFrom(body: unknown): ApiResult<DocumentSummary> {
  const document =
    typeof body === 'object' && body !== null
      ? parseDocumentSummary((body as { document?: unknown }).document)
      : null;
  return document ? { ok: true, value: document } : { ok: false, error: { reason: 'unexpected-response' } };
}

/** `GET /api/documents`: every document, most recently updated first. */
export async function listDocuments(): Promise<ApiResult<DocumentSummary[]>> {
  const result = await requestJson('/api/documents');
  if (!result.ok) return result;
  const list = (result.value as { documents?: unknown } | null)?.documents;
  if (!Array.isArray(list)) return { ok: false, error: { reason: 'unexpected-response' } };
  const documents = list.map(parseDocumentSummary).filter((d): d is DocumentSummary => d !== null);
  documents.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return { ok: true, value: documents };
}

/** `GET /api/documents/:id`. */
export async function getDocument(id: DocumentId): Promise<ApiResult<DocumentSummary>> {
  const result = await requestJson(`/api/documents/${encodeURIComponent(id)}`);
  return result.ok ? documentFrom(result.value) : result;
}

/** `POST /api/documents`; a malformed draft comes back as `invalid-treaty-text` with its line and column. */
export async function createDocument(fields: NewDocument): Promise<ApiResult<DocumentSummary>> {
  const result = await sendJson('/api/documents', 'POST', fields);
  return result.ok ? documentFrom(result.value) : result;
}

/** `PATCH /api/documents/:id`: archive or restore, release or withhold (AC13; convenor and chair). */
export async function placeDocument(
  id: DocumentId,
  change: { readonly archived?: boolean; readonly released?: boolean },
): Promise<ApiResult<DocumentSummary>> {
  const result = await sendJson(`/api/documents/${encodeURIComponent(id)}`, 'PATCH', change);
  return result.ok ? documentFrom(result.value) : result;
}

/** `GET /api/documents/:id/compilation`: the compilation of open proposals as plain text. */
export async function fetchCompilation(id: DocumentId): Promise<ApiResult<string>> {
  return requestText(`/api/documents/${encodeURIComponent(id)}/compilation`);
}

/** `GET /api/documents/:id/compilation.json`: the compilation of open proposals (PR12), structured. */
export async function fetchCompilationData(id: DocumentId): Promise<ApiResult<Compilation>> {
  const result = await requestJson(`/api/documents/${encodeURIComponent(id)}/compilation.json`);
  if (!result.ok) return result;
  const compilation = (result.value as { compilation?: Compilation } | null)?.compilation;
  return compilation && Array.isArray(compilation.entries)
    ? { ok: true, value: compilation }
    : { ok: false, error: { reason: 'unexpected-response' } };
}

/** `GET /api/documents/:id/compilation.docx`: the compilation as a Word file (RV14). */
export function compilationDocx(id: DocumentId): Promise<ApiResult<Blob>> {
  return requestBlob(`/api/documents/${encodeURIComponent(id)}/compilation.docx`);
}

/** SH10: one shape problem of a stored treaty, where it is, and what the chair's repair does about it. */
export interface ShapeRepairStep {
  readonly rule: string;
  readonly location: string;
  readonly message: string;
}

function stepsFrom(value: unknown): ShapeRepairStep[] | null {
  if (!Array.isArray(value)) return null;
  return value.flatMap((step) => {
    if (typeof step !== 'object' || step === null) return [];
    const { rule, location, message } = step as Record<string, unknown>;
    return typeof rule === 'string' && typeof location === 'string' && typeof message === 'string'
      ? [{ rule, location, message }]
      : [];
  });
}

/** `GET /api/documents/:id/problems` (chair and convenor): the stored structure's problems (SH10). */
export async function fetchShapeProblems(id: DocumentId): Promise<ApiResult<ShapeRepairStep[]>> {
  const result = await requestJson(`/api/documents/${encodeURIComponent(id)}/problems`);
  if (!result.ok) return result;
  const problems = stepsFrom((result.value as { problems?: unknown } | null)?.problems);
  return problems ? { ok: true, value: problems } : { ok: false, error: { reason: 'unexpected-response' } };
}

/** `POST /api/documents/:id/repair` (chair): repairs the structure, keeping every character (SH10). */
export async function repairDocument(
  id: DocumentId,
): Promise<ApiResult<{ repaired: ShapeRepairStep[]; problems: ShapeRepairStep[] }>> {
  const result = await sendJson(`/api/documents/${encodeURIComponent(id)}/repair`, 'POST');
  if (!result.ok) return result;
  const body = result.value as { repaired?: unknown; problems?: unknown } | null;
  const repaired = stepsFrom(body?.repaired);
  const problems = stepsFrom(body?.problems);
  return repaired && problems
    ? { ok: true, value: { repaired, problems } }
    : { ok: false, error: { reason: 'unexpected-response' } };
}

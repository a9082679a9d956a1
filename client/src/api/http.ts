import { type ApiResult, apiErrorFromResponse } from './api-error.ts';

let sessionToken: string | null = null;

/** The session token sent as `Authorization: Bearer` with every API call (null: signed out). */
export function setApiSessionToken(token: string | null): void {
  sessionToken = token;
}

/**
 * Calls the HTTP API and returns its JSON body, or the failure as an `ApiError` value (never throws). The one
 * place that talks `fetch`, attaches the session and reads error bodies.
 */
export async function requestJson(path: string, init?: RequestInit): Promise<ApiResult<unknown>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (sessionToken) headers.authorization = `Bearer ${sessionToken}`;
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { ...headers, ...(init?.headers as Record<string, string>) },
    });
  } catch {
    return { ok: false, error: { reason: 'network' } };
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    if (response.ok) return { ok: false, error: { reason: 'unexpected-response' } };
  }
  if (!response.ok) return { ok: false, error: apiErrorFromResponse(response.status, body) };
  return { ok: true, value: body };
}

/** `requestJson` with a JSON body. */
export function sendJson(path: string, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', payload?: unknown) {
  return requestJson(path, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  });
}

/** GETs a non-JSON resource of the API (with the session): the successful Response, or the failure. */
async function requestResource(path: string, accept: string): Promise<ApiResult<Response>> {
  const headers: Record<string, string> = { accept };
  if (sessionToken) headers.authorization = `Bearer ${sessionToken}`;
  let response: Response;
  try {
    response = await fetch(path, { headers });
  } catch {
    return { ok: false, error: { reason: 'network' } };
  }
  if (response.ok) return { ok: true, value: response };
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // An error without a JSON body: its status says enough.
  }
  return { ok: false, error: apiErrorFromResponse(response.status, body) };
}

/** GETs a text/plain resource of the API, or the failure as an `ApiError`. */
export async function requestText(path: string): Promise<ApiResult<string>> {
  const result = await requestResource(path, 'text/plain');
  return result.ok ? { ok: true, value: await result.value.text() } : result;
}

/** GETs a binary resource of the API as a Blob, or the failure as an `ApiError`. */
export async function requestBlob(path: string): Promise<ApiResult<Blob>> {
  const result = await requestResource(path, '*/*');
  return result.ok ? { ok: true, value: await result.value.blob() } : result;
}

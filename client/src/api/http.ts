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
export function sendJson(path: string, method: 'POST' | 'PUT' | 'DELETE', payload?: unknown) {
  return requestJson(path, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  });
}

/** GETs a text/plain resource of the API (with the session), or the failure as an `ApiError`. */
export async function requestText(path: string): Promise<ApiResult<string>> {
  const headers: Record<string, string> = { accept: 'text/plain' };
  if (sessionToken) headers.authorization = `Bearer ${sessionToken}`;
  let response: Response;
  try {
    response = await fetch(path, { headers });
  } catch {
    return { ok: false, error: { reason: 'network' } };
  }
  if (!response.ok) {
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // not JSON: the status says enough
    }
    return { ok: false, error: apiErrorFromResponse(response.status, body) };
  }
  return { ok: true, value: await response.text() };
}

/** GETs a binary resource of the API (with the session) as a Blob, or the failure as an `ApiError`. */
export async function requestBlob(path: string): Promise<ApiResult<Blob>> {
  const headers: Record<string, string> = {};
  if (sessionToken) headers.authorization = `Bearer ${sessionToken}`;
  let response: Response;
  try {
    response = await fetch(path, { headers });
  } catch {
    return { ok: false, error: { reason: 'network' } };
  }
  if (!response.ok) {
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // not JSON
    }
    return { ok: false, error: apiErrorFromResponse(response.status, body) };
  }
  return { ok: true, value: await response.blob() };
}

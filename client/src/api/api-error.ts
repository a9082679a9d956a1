/**
 * Every way an API call can fail, as data. Expected refusals (a malformed draft, an unknown document) are
 * values the pages render; `describeApiError` is the one place that turns them into words.
 */
export type ApiError =
  | { readonly reason: 'document-not-found' }
  | {
      readonly reason: 'invalid-treaty-text';
      readonly message: string;
      readonly line: number;
      readonly column: number;
    }
  | { readonly reason: 'invalid-request'; readonly message: string }
  /** No valid session: missing, malformed, expired or revoked token (`detail` is the server's reason). */
  | { readonly reason: 'unauthorized'; readonly detail: string }
  /** Signed in, but the role may not do this. */
  | { readonly reason: 'forbidden'; readonly message: string }
  | { readonly reason: 'too-large' }
  | { readonly reason: 'server'; readonly status: number }
  | { readonly reason: 'network' }
  | { readonly reason: 'unexpected-response' };

/** Result of an API call. */
export type ApiResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ApiError };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
const isPositiveInt = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1;

/** Maps an HTTP error status and its (untrusted) JSON body to an `ApiError`. */
export function apiErrorFromResponse(status: number, body: unknown): ApiError {
  const code = isRecord(body) ? body.error : undefined;
  const message = isRecord(body) && typeof body.message === 'string' ? body.message : '';
  if (status === 401) {
    const detail = isRecord(body) && typeof body.reason === 'string' ? body.reason : '';
    return { reason: 'unauthorized', detail };
  }
  if (status === 403) return { reason: 'forbidden', message };
  if (status === 404) return { reason: 'document-not-found' };
  if (status === 413) return { reason: 'too-large' };
  if (status === 400 && code === 'invalid_treaty_text' && isRecord(body)) {
    const { line, column } = body;
    if (isPositiveInt(line) && isPositiveInt(column)) {
      return { reason: 'invalid-treaty-text', message, line, column };
    }
  }
  if (status >= 400 && status < 500) return { reason: 'invalid-request', message };
  return { reason: 'server', status };
}

/** The sentence shown to the user for an API failure. */
export function describeApiError(error: ApiError): string {
  switch (error.reason) {
    case 'document-not-found':
      return 'This document does not exist. It may have been mistyped or never created.';
    case 'invalid-treaty-text':
      return `Line ${error.line}, column ${error.column}: ${error.message || 'this line is not valid treaty text.'}`;
    case 'unauthorized':
      return error.detail === 'expired'
        ? 'Your invitation has expired. Ask the convenor for a new link.'
        : error.detail === 'revoked'
          ? 'Your invitation has been revoked. Ask the convenor for a new link.'
          : error.detail === 'ended'
            ? 'The convenor ended your session. Ask the convenor for a new link.'
            : error.detail === 'full'
              ? 'This invitation has already been used by as many people as it allows. Ask the convenor for another.'
              : 'You are not signed in. Open the invitation link you were sent.';
    case 'forbidden':
      return error.message || 'Your role does not allow this.';
    case 'invalid-request':
      return error.message || 'The server refused the request.';
    case 'too-large':
      return 'The draft is too large to upload.';
    case 'server':
      return `The server failed (HTTP ${error.status}). Please try again in a moment.`;
    case 'network':
      return 'The server cannot be reached. Check your connection and try again.';
    case 'unexpected-response':
      return 'The server sent an answer Travaux does not understand.';
  }
}

import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../log.ts';

/** Machine-readable error codes of the HTTP API; the client maps each to a human message. */
export type ApiErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'invitation_not_found'
  | 'person_not_found'
  | 'invalid_treaty_text'
  | 'document_not_found'
  | 'payload_too_large'
  | 'not_found'
  | 'upgrade_required'
  | 'internal_error';

/**
 * An expected refusal of an HTTP request. Handlers throw it; the one `onError` renders it as
 * `{ error, message, ...details }` with `status`.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly reason: ApiErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/** The JSON body of every error response. */
export function errorBody(
  reason: ApiErrorCode,
  message: string,
  details: Readonly<Record<string, unknown>> = {},
) {
  return { ...details, error: reason, message };
}

/**
 * Builds the app's single error handler: `ApiError` and Hono's `HTTPException` become their status with a JSON
 * body; anything else is logged and becomes a 500 that reveals nothing.
 */
export function createErrorHandler(logger: Logger) {
  return (error: Error, c: Context): Response => {
    if (error instanceof ApiError) {
      return c.json(errorBody(error.reason, error.message, error.details), error.status);
    }
    if (error instanceof HTTPException) {
      return c.json(
        errorBody(reasonForStatus(error.status), error.message || 'request refused'),
        error.status,
      );
    }
    logger.error(`${c.req.method} ${c.req.path} failed`, error);
    return c.json(errorBody('internal_error', 'internal server error'), 500);
  };
}

function reasonForStatus(status: number): ApiErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  if (status >= 500) return 'internal_error';
  return 'invalid_request';
}

import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorBody } from './errors.ts';

/** A route that takes a larger body than the JSON default (document creation from text, imports). */
export interface BodyLimitRoute {
  readonly method: string;
  /** Matched against the request path. */
  readonly path: RegExp;
  readonly maxBytes: number;
}

/**
 * One body limit for every request: `maxBytes` unless a `routes` entry matches the method and path. A body
 * over its limit is answered `413 { error: 'payload_too_large', message, limit }` before it is read further:
 * a declared Content-Length is refused without reading anything, a chunked body once the bytes counted so far
 * pass the limit (hono/body-limit). The 413 asks the client to close the connection, so the rest of the body is
 * not even received.
 */
export function bodyLimits(maxBytes: number, routes: readonly BodyLimitRoute[] = []): MiddlewareHandler {
  const limits = new Map<number, MiddlewareHandler>();
  const limiter = (limit: number): MiddlewareHandler => {
    let found = limits.get(limit);
    if (!found) {
      found = bodyLimit({
        maxSize: limit,
        onError: (c) =>
          c.json(
            errorBody('payload_too_large', `the request body exceeds the limit of ${limit} bytes`, { limit }),
            413,
            { Connection: 'close' },
          ),
      });
      limits.set(limit, found);
    }
    return found;
  };
  return (c, next) => {
    const route = routes.find((r) => r.method === c.req.method && r.path.test(c.req.path));
    return limiter(route?.maxBytes ?? maxBytes)(c, next);
  };
}

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';

const MISSING_BUILD_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Travaux: client not built</title></head>
<body><h1>The Travaux client is not built</h1>
<p>Run <code>npm start</code> from the repository root: it installs, builds the client and starts the server.</p>
</body></html>`;

/**
 * Serves the built client from `clientDir` for GET and HEAD requests, with a single-page-app fallback to
 * index.html for any other path (the client routes itself, e.g. /d/:id). When the build is missing, a plain
 * 503 page says how to build it. Mount it after the API and sync routes.
 */
export function clientAssets(clientDir: string): MiddlewareHandler {
  const indexFile = join(clientDir, 'index.html');
  let assets: MiddlewareHandler | null = null;
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    // Checked per request so that a build finished after the server started is picked up.
    if (!existsSync(indexFile)) return c.html(MISSING_BUILD_PAGE, 503);
    assets ??= serveStatic({ root: clientDir });
    const served = await assets(c, async () => {});
    if (served) return served;
    return c.html(await readFile(indexFile, 'utf8'));
  };
}

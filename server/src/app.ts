import { SYNC_PATH } from '@travaux/shared';
import { Hono } from 'hono';
import type { AccessControl } from './auth/access.ts';
import type { DocumentCatalog } from './documents/catalog.ts';
import { documentRoutes } from './documents/routes.ts';
import { bodyLimits } from './http/body-limits.ts';
import { clientAssets } from './http/client.ts';
import { createErrorHandler, errorBody } from './http/errors.ts';
import { healthRoutes } from './http/health.ts';
import { securityHeaders } from './http/security-headers.ts';
import type { Logger } from './log.ts';
import type { RevisionStore } from './persistence/revision-store.ts';
import { revisionRoutes } from './revisions/routes.ts';
import { rosterRoutes } from './roster/routes.ts';

/** What the HTTP app is composed of; each part is built (and tested) on its own. */
export interface AppDeps {
  readonly catalog: DocumentCatalog;
  /** The sync sub-app (`SyncTransport.routes`), mounted at `SYNC_PATH`. */
  readonly sync: Hono;
  /** Directory of the built client. */
  readonly clientDir: string;
  /** Largest request body of every route but those below (JSON: sessions, invitations, revisions...). */
  readonly maxJsonBodyBytes: number;
  /** Largest request body of document creation from text (`POST /api/documents`). */
  readonly maxDocumentBodyBytes: number;
  readonly logger: Logger;
  readonly access: AccessControl;
  /** Allows `POST /api/negotiations`; null turns that route off. */
  readonly adminToken: string | null;
  readonly revisions: RevisionStore;
  /** `/metrics`, `/healthz`, `/readyz` (OP1, OP2). */
  readonly operations?: Hono;
}

const API_OR_SYNC = new RegExp(`^(/api(/|$)|${SYNC_PATH}(/|$))`);

/**
 * The HTTP app: /health, /api/documents, the sync endpoint and the built client with its SPA fallback. One
 * `onError` renders every error as JSON; an unknown /api or /sync path is a JSON 404. Every response carries the
 * security headers, and every request body has a limit (413 before it is read past it).
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.onError(createErrorHandler(deps.logger));
  app.notFound((c) => c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404));
  app.use('*', securityHeaders());
  // Before any route reads a body, the public POST /api/sessions included. A route that takes more (a document
  // from text; imports later) says so here.
  app.use(
    '*',
    bodyLimits(deps.maxJsonBodyBytes, [
      { method: 'POST', path: /^\/api\/documents\/?$/, maxBytes: deps.maxDocumentBodyBytes },
    ]),
  );
  app.route('/health', healthRoutes());
  if (deps.operations) app.route('/', deps.operations);
  app.route('/api/documents', documentRoutes(deps.catalog, deps.access));
  app.route('/api/documents', revisionRoutes(deps.catalog, deps.revisions, deps.access));
  app.route('/api', rosterRoutes(deps.access, deps.adminToken));
  app.route(SYNC_PATH, deps.sync);
  const client = clientAssets(deps.clientDir);
  app.use('*', (c, next) => (API_OR_SYNC.test(c.req.path) ? next() : client(c, next)));
  return app;
}

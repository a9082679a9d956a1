import { Hono } from 'hono';

/** `GET /health` → 200 `{ status: 'ok' }` while the process serves requests (for supervisors and tests). */
export function healthRoutes(): Hono {
  const app = new Hono();
  app.get('/', (c) => c.json({ status: 'ok' }));
  return app;
}

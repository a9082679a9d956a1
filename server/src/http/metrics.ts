import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { errorBody } from './errors.ts';

/** What the gauges read when Prometheus scrapes. */
export interface MetricsSources {
  readonly connections: () => number;
  readonly loadedDocuments: () => number;
  /** Documents whose lease this node holds (0 on a single node). */
  readonly leasesHeld: () => number;
}

/**
 * The figures an operator watches (OP1), in Prometheus' text format: one registry per server (tests start
 * several in one process), so nothing is global.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly updates: Counter;
  private readonly commitSeconds: Histogram;
  private readonly closes: Counter<'code'>;
  private readonly fanoutLag: Histogram;
  private readonly leaseChanges: Counter<'change'>;
  private readonly catchUps: Counter;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    new Gauge({
      name: 'travaux_connections',
      help: 'Open WebSocket connections of clients on this node',
      registers,
      collect() {
        this.set(sources.connections());
      },
    });
    new Gauge({
      name: 'travaux_rooms_loaded',
      help: 'Documents loaded in memory on this node (owned or replicas)',
      registers,
      collect() {
        this.set(sources.loadedDocuments());
      },
    });
    new Gauge({
      name: 'travaux_leases_held',
      help: 'Documents this node owns (holds the lease of)',
      registers,
      collect() {
        this.set(sources.leasesHeld());
      },
    });
    this.updates = new Counter({
      name: 'travaux_updates_committed_total',
      help: 'Client updates committed to the store by this node',
      registers,
    });
    this.commitSeconds = new Histogram({
      name: 'travaux_commit_seconds',
      help: 'Time to commit one batch of updates (claims, log append, provenance)',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.closes = new Counter({
      name: 'travaux_connection_closes_total',
      help: 'Connections closed by this node, by close code (4xxx are refusals; 1001 going away)',
      labelNames: ['code'],
      registers,
    });
    this.fanoutLag = new Histogram({
      name: 'travaux_fanout_lag_seconds',
      help: 'From publish on another node to receipt here, through Redis',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers,
    });
    this.leaseChanges = new Counter({
      name: 'travaux_lease_changes_total',
      help: 'Leases this node acquired or lost',
      labelNames: ['change'],
      registers,
    });
    this.catchUps = new Counter({
      name: 'travaux_fanout_gaps_total',
      help: 'Times a document on this node caught up from the store after a gap or reconnection to Redis',
      registers,
    });
  }

  committed(updates: number, seconds: number): void {
    this.updates.inc(updates);
    this.commitSeconds.observe(seconds);
  }

  closed(code: number): void {
    this.closes.inc({ code: String(code) });
  }

  received(lagMs: number): void {
    this.fanoutLag.observe(lagMs / 1000);
  }

  leaseChanged(change: 'acquired' | 'lost'): void {
    this.leaseChanges.inc({ change });
  }

  gap(): void {
    this.catchUps.inc();
  }
}

/** Whether the node may take traffic (OP2): each check rejects with what is wrong. */
export type ReadinessCheck = () => Promise<void>;

/**
 * `GET /metrics` (OP1; with `token`, only for `Authorization: Bearer <token>`), `GET /healthz` (liveness: 200
 * while the process answers) and `GET /readyz` (OP2: 200 once every check passes, else 503 with the reasons).
 */
export function operationsRoutes(
  metrics: ServerMetrics,
  token: string | null,
  checks: Readonly<Record<string, ReadinessCheck>>,
): Hono {
  const app = new Hono();
  app.get('/metrics', async (c) => {
    if (token !== null && !bearerMatches(c.req.header('authorization'), token))
      return c.json(
        errorBody('unauthorized', 'metrics need the metrics token: Authorization: Bearer <token>'),
        401,
      );
    c.header('content-type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await check();
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, error instanceof Error ? error.message : String(error)] as const;
        }
      }),
    );
    const failing = results.filter(([, result]) => result !== 'ok');
    const body = {
      status: failing.length === 0 ? 'ready' : 'not ready',
      checks: Object.fromEntries(results),
    };
    return c.json(body, failing.length === 0 ? 200 : 503);
  });
  return app;
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

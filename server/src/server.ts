import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { CloseCode, type DocumentId, SYNC_PATH } from '@travaux/shared';
import { AccessControl } from './auth/access.ts';
import { Ownership } from './cluster/ownership.ts';
import { compose } from './compose.ts';
import { readConfig, type ServerConfig } from './config.ts';
import { RedisFanout } from './fanout/redis-fanout.ts';
import type { ReadinessCheck, ServerMetrics } from './http/metrics.ts';
import { consoleLogger, type Logger } from './log.ts';
import { openStores } from './persistence/open-stores.ts';
import type { Fence } from './persistence/postgres-store.ts';
import type { RoomManager } from './rooms/room-manager.ts';
import { type Demo, demoNegotiation } from './seed/demo.ts';
import type { SyncTransport } from './transport/websocket.ts';

export { DATABASE_FILE } from './persistence/open-stores.ts';

/** A started server. `close()` is idempotent and resolves once everything is flushed and released. */
export interface RunningServer {
  /** `http://HOST:PORT` with the real port (also when 0 was asked for). */
  readonly url: string;
  readonly port: number;
  /** The document seeded on this start, or null (store not empty, or seeding off). */
  readonly demoDocumentId: DocumentId | null;
  /** The demo negotiation with its sign-in links (every start, once seeded), or null. */
  readonly demo: Demo | null;
  /** Invitations, sessions and the roster (tests and the benchmark issue invitations through it). */
  readonly access: AccessControl;
  /** What the server holds in memory now (for the reliability suite and operators). */
  stats(): { readonly loadedDocuments: number; readonly openSockets: number };
  /** Stops accepting, closes sockets with 1001, flushes every room, closes the store. */
  close(): Promise<void>;
}

/** Settings that override the defaults of `readConfig` (environment ignored), plus the logger. */
export interface StartOptions extends Partial<ServerConfig> {
  /** Defaults to `consoleLogger`; tests pass `silentLogger`. */
  readonly logger?: Logger;
  /** False only in tests that sync generic Yjs types instead of a treaty (no environment variable sets it). */
  readonly checkShape?: boolean;
}

/**
 * Starts Travaux: `readConfig`'s defaults overridden by `overrides`, the stores (`openStores`: PostgreSQL at
 * `databaseUrl`, else SQLite in `dataDir`), everything
 * wired by `compose`, the demo seeded when asked and the store is empty, listening on `host:port`.
 */
export async function startServer(overrides: StartOptions = {}): Promise<RunningServer> {
  const { logger = consoleLogger, ...settings } = overrides;
  const options: ServerConfig = { ...readConfig({}), ...settings };
  // PostgreSQL when TRAVAUX_DATABASE_URL is set, else the SQLite file of the data directory; as one of several
  // nodes (TRAVAUX_NODE_URL), every commit is fenced by the document's lease (SN8).
  let ownership: Ownership | null = null;
  const fence: Fence = (documentId) => ownership?.fence(documentId) ?? null;
  const stores = await openStores(options, logger, true, options.nodeUrl ? fence : null);
  const { store, roster, revisions } = stores;
  let roomsRef: RoomManager | null = null;
  let metricsRef: ServerMetrics | null = null;
  const nodeId = randomUUID();
  if (options.nodeUrl && stores.leases) {
    ownership = new Ownership({
      nodeId,
      url: options.nodeUrl,
      leaseMs: options.leaseMs,
      leases: stores.leases,
      logger,
      beforeOwning: (documentId) => roomsRef?.unload(documentId) ?? Promise.resolve(),
      onLost: (documentId) => void roomsRef?.unload(documentId),
      onChange: (change) => metricsRef?.leaseChanged(change),
    });
  }
  // SN10: with Redis, the owner's commits and everyone's presence reach the other nodes' replicas; what Redis
  // loses, the replicas catch up from the store (SN7).
  let fanout: RedisFanout | null = null;
  if (ownership && options.redisUrl) {
    const owned = ownership;
    try {
      fanout = await RedisFanout.connect({
        url: options.redisUrl,
        nodeId,
        logger,
        onGap: (documentId) => {
          metricsRef?.gap();
          if (!owned.owns(documentId)) void roomsRef?.catchUp([documentId]);
        },
        onReceived: (lagMs) => metricsRef?.received(lagMs),
        onRevoked: (invitationId) =>
          transportRef?.closeGroup(invitationId, CloseCode.Unauthorized, 'access revoked'),
      });
    } catch (error) {
      await ownership.close();
      await stores.close();
      throw error;
    }
  }
  let transportRef: SyncTransport | null = null;
  let publicUrl = options.publicUrl ?? `http://${options.host}:${options.port}`;
  const access = new AccessControl(roster, stores.secret, () => publicUrl);
  const owner = ownership;
  const redis = fanout;
  const readiness: Record<string, ReadinessCheck> = { database: () => stores.check() };
  if (redis) readiness.redis = () => redis.ping();
  let draining = false;
  readiness.serving = async () => {
    if (draining) throw new Error('shutting down');
  };
  const { app, catalog, rooms, transport, checkpoints, metrics } = compose(
    { ...options, checkShape: overrides.checkShape, readiness },
    store,
    access,
    logger,
    revisions,
    undefined,
    owner
      ? {
          route: (documentId) => owner.route(documentId),
          afterUnload: (documentId) => void owner.release(documentId),
          leasesHeld: () => owner.ownedDocuments,
          ...(redis ? { fanout: redis } : {}),
        }
      : null,
  );
  roomsRef = rooms;
  transportRef = transport;
  metricsRef = metrics;
  // A revocation here is announced to every node, which closes its own connections of it at once.
  if (redis) access.onRevoked((invitationId) => redis.announceRevoked(invitationId));

  // HTTP/1.1 only (no createServer override), so the node:http Server API is available.
  const server = serve({
    fetch: app.fetch,
    port: options.port,
    hostname: options.host,
  }) as Server;
  transport.listen(server, SYNC_PATH);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (error) {
    await ownership?.close();
    await fanout?.close();
    await stores.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  publicUrl = options.publicUrl ?? url;

  let demo: Demo | null = null;
  try {
    demo = await demoNegotiation(catalog, access, options.seedDemo);
  } catch (error) {
    server.close();
    await ownership?.close();
    await fanout?.close();
    await stores.close();
    throw error;
  }

  // Invitations revoked by another process (the CLI) close their connections too, within a second or two.
  let lastPoll = new Date().toISOString();
  const revocationPoll = setInterval(() => {
    const since = lastPoll;
    lastPoll = new Date().toISOString();
    void roster
      .revokedSince(since)
      .then((revoked) => {
        for (const { id } of revoked) transport.closeGroup(id, CloseCode.Unauthorized, 'access revoked');
      })
      .catch((error: unknown) => logger.error('polling revocations failed', error));
  }, 1000);
  revocationPoll.unref();
  // SN7: replicas (documents loaded here but owned elsewhere) catch up now and then, whatever Redis delivered.
  const catchUp = redis
    ? setInterval(() => {
        const replicas = rooms.loadedDocuments().filter((documentId) => !ownership?.owns(documentId));
        if (replicas.length > 0) void rooms.catchUp(replicas);
      }, options.catchUpMs)
    : null;
  catchUp?.unref();

  let closing: Promise<void> | null = null;
  const shutdown = async () => {
    draining = true;
    // OP2: /readyz says 503 meanwhile; the balancer's checks take the node out before its connections close.
    if (options.drainMs > 0) await new Promise((resolve) => setTimeout(resolve, options.drainMs));
    clearInterval(revocationPoll);
    if (catchUp) clearInterval(catchUp);
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    transport.closeAll(CloseCode.GoingAway, 'server shutting down');
    // Pending checkpoints read the rooms, so they are taken before the rooms close.
    await checkpoints.flush();
    await rooms.closeAll();
    // Drain (SN9): everything is committed; giving the leases up lets other nodes take over at once.
    await ownership?.close();
    await fanout?.close();
    await stores.close();
    // Sockets whose peers did not answer the close handshake, and HTTP requests still open, end here.
    transport.terminateAll();
    server.closeAllConnections();
    await stopped;
  };
  return {
    url,
    port,
    demoDocumentId: demo?.seeded ? demo.documentId : null,
    demo,
    access,
    stats: () => ({
      loadedDocuments: rooms.loadedDocuments().length,
      openSockets: transport.server.clients.size,
    }),
    close: () => {
      closing ??= shutdown();
      return closing;
    },
  };
}

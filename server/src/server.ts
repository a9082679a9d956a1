import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { CloseCode, type DocumentId } from '@travaux/shared';
import { compose } from './compose.ts';
import { readConfig, type ServerConfig } from './config.ts';
import { consoleLogger, type Logger } from './log.ts';
import { SqliteDocumentStore } from './persistence/sqlite-store.ts';
import { seedDemoDocument } from './seed/demo.ts';

/** File name of the database inside the data directory. */
export const DATABASE_FILE = 'travaux.sqlite';

/** A started server. `close()` is idempotent and resolves once everything is flushed and released. */
export interface RunningServer {
  /** `http://HOST:PORT` with the real port (also when 0 was asked for). */
  readonly url: string;
  readonly port: number;
  /** The document seeded on this start, or null (store not empty, or seeding off). */
  readonly demoDocumentId: DocumentId | null;
  /** Stops accepting, closes sockets with 1001, flushes every room, closes the store. */
  close(): Promise<void>;
}

/** Settings that override the defaults of `readConfig` (environment ignored), plus the logger. */
export interface StartOptions extends Partial<ServerConfig> {
  /** Defaults to `consoleLogger`; tests pass `silentLogger`. */
  readonly logger?: Logger;
}

/**
 * Starts Travaux: `readConfig`'s defaults overridden by `overrides`, the SQLite store in `dataDir`, everything
 * wired by `compose`, the demo seeded when asked and the store is empty, listening on `host:port`.
 */
export async function startServer(overrides: StartOptions = {}): Promise<RunningServer> {
  const { logger = consoleLogger, ...settings } = overrides;
  const options: ServerConfig = { ...readConfig({}), ...settings };
  mkdirSync(options.dataDir, { recursive: true });
  const store = new SqliteDocumentStore(join(options.dataDir, DATABASE_FILE));
  const { app, catalog, rooms, transport } = compose(options, store, logger);

  let demoDocumentId: DocumentId | null = null;
  try {
    if (options.seedDemo) demoDocumentId = await seedDemoDocument(catalog);
  } catch (error) {
    await store.close();
    throw error;
  }

  // HTTP/1.1 only (no createServer override), so the node:http Server API is available.
  const server = serve({
    fetch: app.fetch,
    port: options.port,
    hostname: options.host,
    websocket: { server: transport.server },
  }) as Server;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;

  let closing: Promise<void> | null = null;
  const shutdown = async () => {
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    transport.closeAll(CloseCode.GoingAway, 'server shutting down');
    await rooms.closeAll();
    await store.close();
    // Sockets whose peers did not answer the close handshake, and HTTP requests still open, end here.
    transport.terminateAll();
    server.closeAllConnections();
    await stopped;
  };
  return {
    url,
    port,
    demoDocumentId,
    close: () => {
      closing ??= shutdown();
      return closing;
    },
  };
}

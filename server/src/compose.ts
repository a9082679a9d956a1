import type { Hono } from 'hono';
import { createApp } from './app.ts';
import type { ServerConfig } from './config.ts';
import { DocumentCatalog, titleSync } from './documents/catalog.ts';
import { InProcessFanout } from './fanout/in-process-fanout.ts';
import type { Logger } from './log.ts';
import type { DocumentStore } from './persistence/document-store.ts';
import { RoomManager } from './rooms/room-manager.ts';
import { SyncTransport } from './transport/websocket.ts';

/** The wired parts of a server, before it listens. */
export interface Composition {
  readonly app: Hono;
  readonly catalog: DocumentCatalog;
  readonly rooms: RoomManager;
  readonly transport: SyncTransport;
  readonly store: DocumentStore;
}

/** The settings `compose` uses. */
export type CompositionConfig = Pick<
  ServerConfig,
  'maxMessageBytes' | 'unloadGraceMs' | 'compactEvery' | 'clientDir'
>;

/**
 * Wires store, fanout, rooms, the catalog (whose title hook the rooms run), the transport and the HTTP app.
 * Nothing listens yet: `startServer` serves `app` with `transport.server`; tests call `app.request()`.
 */
export function compose(config: CompositionConfig, store: DocumentStore, logger: Logger): Composition {
  const rooms = new RoomManager({
    store,
    fanout: new InProcessFanout(),
    logger,
    compactEvery: config.compactEvery,
    unloadGraceMs: config.unloadGraceMs,
    // A reader that falls this far behind is cheaper to resync than to buffer for.
    maxBufferedBytes: Math.max(4 * config.maxMessageBytes, 16 * 1024 * 1024),
    afterCompact: titleSync(store),
  });
  const catalog = new DocumentCatalog(store, (documentId, read) => rooms.read(documentId, read));
  const transport = new SyncTransport(config.maxMessageBytes, logger);
  const app = createApp({
    catalog,
    sync: transport.routes({
      documentExists: async (documentId) => (await store.getDocument(documentId)) !== null,
      connect: (documentId, connection) => rooms.connect(documentId, connection),
    }),
    clientDir: config.clientDir,
    maxBodyBytes: config.maxMessageBytes,
    logger,
  });
  return { app, catalog, rooms, transport, store };
}

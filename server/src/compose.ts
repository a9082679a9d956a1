import { Action, CloseCode, can, type DocumentId, delegationColor, NEUTRAL_COLOR } from '@travaux/shared';
import type { Hono } from 'hono';
import { createApp } from './app.ts';
import { type AccessControl, actorOf, authorOf, type Principal } from './auth/access.ts';
import { refusalMessage } from './auth/middleware.ts';
import { clusteredEndpoint } from './cluster/clustered-endpoint.ts';
import type { Route } from './cluster/ownership.ts';
import { DEFAULT_BOUNDS, type ServerConfig } from './config.ts';
import { DocumentCatalog, titleSync } from './documents/catalog.ts';
import type { Fanout } from './fanout/fanout.ts';
import { InProcessFanout } from './fanout/in-process-fanout.ts';
import { operationsRoutes, type ReadinessCheck, ServerMetrics } from './http/metrics.ts';
import type { Logger } from './log.ts';
import type { DocumentStore } from './persistence/document-store.ts';
import type { RevisionStore } from './persistence/revision-store.ts';
import type { RosterStore } from './persistence/roster-store.ts';
import { Checkpointer, type CheckpointPolicy, DEFAULT_CHECKPOINTS } from './revisions/checkpointer.ts';
import type { RoomGuard } from './rooms/guard.ts';
import { RefusalThrottle } from './rooms/refusal-throttle.ts';
import { RoomManager } from './rooms/room-manager.ts';
import { type SyncEndpoint, SyncTransport } from './transport/websocket.ts';

/** The wired parts of a server, before it listens. */
export interface Composition {
  readonly app: Hono;
  readonly catalog: DocumentCatalog;
  readonly rooms: RoomManager;
  readonly transport: SyncTransport;
  readonly store: DocumentStore;
  readonly access: AccessControl;
  readonly checkpoints: Checkpointer;
  readonly metrics: ServerMetrics;
}

/** How a node among several serves a document (SN9): here or forwarded to its owner; unloads free leases. */
export interface ClusterHooks {
  readonly route: (documentId: DocumentId) => Promise<Route>;
  readonly afterUnload: (documentId: DocumentId) => void;
  /**
   * The fan-out between nodes (Redis, SN10). With it, a connection that can only read is served from this
   * node's replica of the document, which the owner's commits reach through the fan-out; without it, every
   * connection of a document another node owns is forwarded there (SN9).
   */
  readonly fanout?: Fanout;
  /** Documents this node owns now (metrics). */
  readonly leasesHeld?: () => number;
}

/** The settings `compose` uses; the HTTP body and presence bounds default to `DEFAULT_BOUNDS`. */
export type CompositionConfig = Pick<
  ServerConfig,
  'maxMessageBytes' | 'unloadGraceMs' | 'compactEvery' | 'clientDir' | 'adminToken' | 'maxBufferedBytes'
> &
  Partial<
    Pick<ServerConfig, 'maxJsonBodyBytes' | 'maxDocumentBodyBytes' | 'maxPresenceBytes' | 'shapeLimits'>
  > & {
    /** False only in tests that sync generic Yjs types (see `RoomOptions.checkShape`). */
    readonly checkShape?: boolean;
    /** Token of `GET /metrics` (OP1); absent or null: open. */
    readonly metricsToken?: string | null;
    /** What `GET /readyz` checks (OP2), by name; none: ready as soon as it answers. */
    readonly readiness?: Readonly<Record<string, ReadinessCheck>>;
  };

/**
 * Wires store, fanout, rooms, the catalog (whose title hook the rooms run), the transport and the HTTP app.
 * Nothing listens yet: `startServer` serves `app` with `transport.server`; tests call `app.request()`.
 */
export function compose(
  config: CompositionConfig,
  store: DocumentStore,
  access: AccessControl,
  logger: Logger,
  revisions: RevisionStore,
  checkpointPolicy: CheckpointPolicy = DEFAULT_CHECKPOINTS,
  cluster: ClusterHooks | null = null,
): Composition {
  // The checkpointer reads documents through the catalog, which reads them through the rooms.
  let catalogRef: DocumentCatalog | null = null;
  const checkpoints = new Checkpointer(
    revisions,
    (documentId) => catalogRef?.snapshot(documentId) ?? Promise.resolve(null),
    logger,
    checkpointPolicy,
  );
  const throttle = new RefusalThrottle();
  // The gauges read the rooms and the transport, made below, when Prometheus scrapes.
  let roomsRef: RoomManager | null = null;
  let transportRef: SyncTransport | null = null;
  const metrics = new ServerMetrics({
    connections: () => transportRef?.server.clients.size ?? 0,
    loadedDocuments: () => roomsRef?.loadedDocuments().length ?? 0,
    leasesHeld: () => cluster?.leasesHeld?.() ?? 0,
  });
  const rooms = new RoomManager({
    onRefused: (author) => throttle.refused(author.personId),
    afterCommit: (documentId, updates, seconds) => {
      metrics.committed(updates, seconds);
      checkpoints.touch(documentId);
    },
    guard: rosterGuard(access.roster, logger),
    store,
    fanout: cluster?.fanout ?? new InProcessFanout(),
    logger,
    compactEvery: config.compactEvery,
    unloadGraceMs: config.unloadGraceMs,
    // A reader that falls this far behind is cheaper to resync than to buffer for.
    maxBufferedBytes: config.maxBufferedBytes,
    maxPresenceBytes: config.maxPresenceBytes ?? DEFAULT_BOUNDS.maxPresenceBytes,
    afterCompact: titleSync(store),
    ...(cluster ? { afterUnload: cluster.afterUnload } : {}),
    shapeLimits: config.shapeLimits,
    checkShape: config.checkShape,
  });
  const catalog = new DocumentCatalog(
    store,
    (documentId, read) => rooms.read(documentId, read),
    (documentId, author, change) => rooms.change(documentId, author, change),
  );
  catalogRef = catalog;
  const transport = new SyncTransport(config.maxMessageBytes, logger);
  transport.onServerClose = (code) => metrics.closed(code);
  roomsRef = rooms;
  transportRef = transport;
  // Several nodes: a connection is served where the document's owner is (SN9); on one node, always here.
  const syncRoutes = (endpoint: SyncEndpoint<SyncGrant>) =>
    cluster
      ? transport.routes(
          clusteredEndpoint(
            endpoint,
            cluster.route,
            logger,
            cluster.fanout ? (principal) => !can(principal.role, Action.writeText) : undefined,
          ),
        )
      : transport.routes(endpoint);
  const app = createApp({
    catalog,
    sync: syncRoutes({
      documentExists: async (documentId) => (await store.getDocument(documentId)) !== null,
      authorize: async (documentId, token) => {
        // SH9: a person whose updates keep being refused is turned away before any store read or audit row:
        // reconnecting in a tight loop then costs the server a signature check, not the roster's lookups.
        const claimed = await access.claimedPerson(token);
        const wait = claimed === null ? 0 : throttle.blockedFor(claimed);
        if (wait > 0) {
          // Held a moment before the answer: a client that reconnects at once then tries once a second.
          await throttle.hold(wait);
          return {
            ok: false,
            code: CloseCode.TooManyRefusals,
            reason: `too many refused updates; retry in ${Math.ceil(wait / 1000)} s`,
          };
        }
        const result = await access.authenticate(token);
        if (!result.ok) {
          if (result.negotiationId) {
            await access.roster.audit(result.negotiationId, NOBODY, 'refused', {
              via: 'sync',
              documentId,
              reason: result.reason,
            });
          }
          return { ok: false, code: CloseCode.Unauthorized, reason: refusalMessage(result.reason) };
        }
        const { principal } = result;
        const owner = await access.roster.negotiationOf(documentId);
        if (owner === null)
          return { ok: false, code: CloseCode.DocumentNotFound, reason: 'document not found' };
        // AC13: a draft not released to this principal is not found; an archived one is read-only.
        const placement =
          owner === principal.negotiation.id ? await access.visibleDocument(principal, documentId) : null;
        if (owner === principal.negotiation.id && !placement)
          return { ok: false, code: CloseCode.DocumentNotFound, reason: 'document not found' };
        if (owner !== principal.negotiation.id || !can(principal.role, Action.read)) {
          await access.roster.audit(principal.negotiation.id, actorOf(principal), 'refused', {
            via: 'sync',
            documentId,
            reason: 'document of another negotiation',
          });
          return {
            ok: false,
            code: CloseCode.Forbidden,
            reason: 'this document belongs to another negotiation',
          };
        }
        return {
          ok: true,
          grant: { ...principal, archived: placement?.archivedAt != null },
          groups: [principal.invitationId, principal.personId, documentGroup(documentId)],
          expiresAt: principal.expiresAt,
        };
      },
      connect: (documentId, connection, principal) => {
        auditQuietly(
          access.roster,
          logger,
          principal.negotiation.id,
          actorOf(principal),
          'connection.opened',
          {
            documentId,
            connection: connection.id,
          },
        );
        const author = authorOf(principal);
        const handler = rooms.connect(documentId, connection, {
          ...author,
          canWrite: author.canWrite && !principal.archived,
        });
        return {
          onMessage: handler.onMessage,
          onClose: () => {
            handler.onClose();
            auditQuietly(
              access.roster,
              logger,
              principal.negotiation.id,
              actorOf(principal),
              'connection.closed',
              {
                documentId,
                connection: connection.id,
              },
            );
          },
        };
      },
    }),
    access,
    adminToken: config.adminToken,
    revisions,
    clientDir: config.clientDir,
    maxJsonBodyBytes: config.maxJsonBodyBytes ?? DEFAULT_BOUNDS.maxJsonBodyBytes,
    maxDocumentBodyBytes: config.maxDocumentBodyBytes ?? DEFAULT_BOUNDS.maxDocumentBodyBytes,
    logger,
    operations: operationsRoutes(metrics, config.metricsToken ?? null, config.readiness ?? {}),
  });
  // AC6, AC11: revoking an invitation, or ending one person's session, closes its open connections at once.
  access.onRevoked((group) => transport.closeGroup(group, CloseCode.Unauthorized, 'access revoked'));
  // AC13: archiving, restoring, releasing or withholding a document makes its connections reconnect under it.
  access.onDocumentPlaced((documentId) =>
    transport.closeGroup(
      documentGroup(documentId),
      CloseCode.AccessChanged,
      'the document was archived, restored, released or withheld',
    ),
  );
  return { app, catalog, rooms, transport, store, access, checkpoints, metrics };
}

const NOBODY = { personId: null, name: null, role: null, delegation: null };

/** What a sync connection is granted: its principal, and whether the document is archived (read-only, AC13). */
type SyncGrant = Principal & { readonly archived: boolean };

/** The transport group of every connection to one document (AC13). */
const documentGroup = (documentId: string) => `document:${documentId}`;

/** Writes an audit entry without waiting; a failure (e.g. the store closed during shutdown) is only logged. */
function auditQuietly(roster: RosterStore, logger: Logger, ...entry: Parameters<RosterStore['audit']>): void {
  roster.audit(...entry).catch((error: unknown) => logger.warn(`audit entry not written: ${String(error)}`));
}

/** The room guard over the roster: durable client-id claims, provenance, audited refusals, presence stamp. */
export function rosterGuard(roster: RosterStore, logger: Logger): RoomGuard {
  return {
    clientIdOwners: (documentId) => roster.clientIdOwners(documentId),
    claim: (documentId, clientIds, personId) => roster.claimClientIds(documentId, clientIds, personId),
    recordProvenance: (documentId, seq, author, clientIds) =>
      roster.recordProvenance([
        { documentId, seq, personId: author.personId, delegation: author.delegation, clientIds },
      ]),
    refused: (documentId, author, reason, detail) => {
      void roster
        .negotiationOf(documentId)
        .then((negotiationId) =>
          negotiationId
            ? roster.audit(
                negotiationId,
                {
                  personId: author.personId,
                  name: author.name,
                  role: author.role,
                  delegation: author.delegation,
                },
                'refused',
                {
                  via: 'sync',
                  documentId,
                  reason,
                  ...detail,
                },
              )
            : undefined,
        )
        .catch((error: unknown) => logger.error('auditing a refusal failed', error));
    },
    shapeProblems: (documentId, problems) => {
      void roster
        .negotiationOf(documentId)
        .then((negotiationId) =>
          negotiationId
            ? roster.audit(negotiationId, NOBODY, 'document.shape-problems', { documentId, problems })
            : undefined,
        )
        .catch((error: unknown) => logger.error('auditing shape problems failed', error));
    },
    stamp: (author) => ({
      name: author.name,
      delegationId: author.delegation ?? '',
      role: author.role,
      color: author.delegation ? delegationColor(author.delegation) : NEUTRAL_COLOR,
    }),
  };
}

import { randomUUID } from 'node:crypto';
import type { DocumentId } from '@travaux/shared';
import { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import type { Broadcast, BroadcastListener, Fanout } from './fanout.ts';
import { InProcessFanout } from './in-process-fanout.ts';
import { decodeNodeMessage, encodeNodeMessage } from './wire.ts';

/** How a `RedisFanout` connects and whom it tells about lost messages. */
export interface RedisFanoutOptions {
  /** `redis://[user:password@]host:port[/db]`. */
  readonly url: string;
  /** This node's id in every message it publishes; unique per process (default: a fresh UUID). */
  readonly nodeId?: string;
  /** Channel names are `<prefix>doc:<documentId>`; several deployments (or tests) can share one Redis. */
  readonly prefix?: string;
  /**
   * Called when broadcasts of `documentId` from other nodes may have been lost: a gap in a node's sequence, or
   * this node's subscription reconnected. The caller catches up from the store by state vector (SN7).
   */
  readonly onGap?: (documentId: DocumentId) => void;
  /** Called when any node announces a revoked invitation (`announceRevoked`), this one included. */
  readonly onRevoked?: (invitationId: string) => void;
  /** Called on every message from another node, with how long it took from publish to here (ms). */
  readonly onReceived?: (lagMs: number) => void;
  readonly logger: Logger;
}

/**
 * A `Fanout` across nodes through Redis pub/sub (SN6): local subscribers get every broadcast at once and in
 * order, exactly as with `InProcessFanout`; the broadcast is also published on the document's channel, and
 * broadcasts from other nodes are delivered to the local subscribers of that document. Redis may lose messages
 * (at-most-once): each node numbers its messages per document, and a gap is reported through `onGap`.
 */
export class RedisFanout implements Fanout {
  readonly nodeId: string;
  private readonly local = new InProcessFanout();
  private readonly prefix: string;
  private readonly sent = new Map<DocumentId, number>();
  /** Last sequence number seen per document and node. */
  private readonly seen = new Map<DocumentId, Map<string, number>>();
  private readonly subscribed = new Set<DocumentId>();
  private everReady = false;
  private closed = false;
  private reportedPublishFailure = false;

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly options: RedisFanoutOptions,
  ) {
    this.nodeId = options.nodeId ?? randomUUID();
    this.prefix = options.prefix ?? 'travaux:';
    subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel, message));
    subscriber.on('ready', () => this.onReady());
    for (const client of [publisher, subscriber])
      client.on('error', (error: unknown) => {
        if (!this.closed) options.logger.warn(`redis: ${String(error)}`);
      });
  }

  /** Connects the publishing and the subscribing connection (Redis needs one of each); rejects if it cannot. */
  static async connect(options: RedisFanoutOptions): Promise<RedisFanout> {
    const nodeId = options.nodeId ?? randomUUID();
    const make = (role: string) =>
      new Redis(options.url, {
        lazyConnect: true,
        // Operators (CLIENT LIST) see which node and role a connection belongs to.
        connectionName: `travaux-${nodeId}-${role}`,
        // A publish while Redis is away fails at once instead of queueing without bound: receivers see the gap.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        retryStrategy: (attempt) => Math.min(50 * attempt, 1000),
      });
    const publisher = make('pub');
    const subscriber = make('sub');
    const fanout = new RedisFanout(publisher, subscriber, { ...options, nodeId });
    try {
      await Promise.all([publisher.connect(), subscriber.connect()]);
      await subscriber.subscribe(fanout.revokedChannel);
    } catch (error) {
      await fanout.close();
      throw new Error(`cannot connect to Redis for the fan-out: ${String(error)}`);
    }
    return fanout;
  }

  publish(documentId: DocumentId, broadcast: Broadcast): void {
    this.local.publish(documentId, broadcast);
    if (this.closed) return;
    const seq = (this.sent.get(documentId) ?? 0) + 1;
    this.sent.set(documentId, seq);
    const message = encodeNodeMessage({ nodeId: this.nodeId, seq, sentAt: Date.now(), broadcast });
    this.publisher.publish(this.channel(documentId), Buffer.from(message)).then(
      () => {
        this.reportedPublishFailure = false;
      },
      (error: unknown) => {
        // Lost like any pub/sub message: the next one shows the gap to every receiver, which catches up.
        if (!this.reportedPublishFailure)
          this.options.logger.warn(`redis: publishing to ${documentId} failed: ${String(error)}`);
        this.reportedPublishFailure = true;
      },
    );
  }

  subscribe(documentId: DocumentId, listener: BroadcastListener): () => void {
    const unsubscribe = this.local.subscribe(documentId, listener);
    if (!this.subscribed.has(documentId)) {
      this.subscribed.add(documentId);
      this.subscriber.subscribe(this.channel(documentId)).then(
        // What other nodes published between the subscriber's load from the store and now was not received.
        () => this.options.onGap?.(documentId),
        (error: unknown) => {
          this.options.logger.warn(`redis: subscribing to ${documentId} failed: ${String(error)}`);
          this.options.onGap?.(documentId);
        },
      );
    }
    return () => {
      unsubscribe();
      if (!this.local.hasSubscribers(documentId)) this.drop(documentId);
    };
  }

  /**
   * Tells every node (this one too, through Redis) that `invitationId` was revoked, so each closes its
   * connections at once (AC6 across nodes). At-most-once like any message: the nodes' poll of the roster
   * is the fallback.
   */
  announceRevoked(invitationId: string): void {
    if (this.closed) return;
    this.publisher.publish(this.revokedChannel, invitationId).catch((error: unknown) => {
      this.options.logger.warn(`redis: announcing a revocation failed: ${String(error)}`);
    });
  }

  /** Whether both connections to Redis are up (readiness). */
  get ready(): boolean {
    return this.publisher.status === 'ready' && this.subscriber.status === 'ready';
  }

  /** Answers a PING within `timeoutMs`, or rejects (readiness). */
  async ping(timeoutMs = 1000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.publisher.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('Redis did not answer PING')), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes both connections; later publishes reach local subscribers only. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }

  private drop(documentId: DocumentId): void {
    if (!this.subscribed.delete(documentId)) return;
    this.seen.delete(documentId);
    if (this.closed) return;
    this.subscriber.unsubscribe(this.channel(documentId)).catch(() => {});
  }

  private get revokedChannel(): string {
    return `${this.prefix}revoked`;
  }

  private channel(documentId: DocumentId): string {
    return `${this.prefix}doc:${documentId}`;
  }

  private onReady(): void {
    // ioredis resubscribes by itself; what was published while we were away is lost: catch up (SN7).
    if (this.everReady) for (const documentId of this.subscribed) this.options.onGap?.(documentId);
    this.everReady = true;
  }

  private receive(channel: Buffer, bytes: Buffer): void {
    const name = channel.toString();
    if (name === this.revokedChannel) {
      this.options.onRevoked?.(bytes.toString());
      return;
    }
    if (!name.startsWith(`${this.prefix}doc:`)) return;
    const documentId = name.slice(this.prefix.length + 4) as DocumentId;
    if (!this.subscribed.has(documentId)) return;
    let message: ReturnType<typeof decodeNodeMessage>;
    try {
      message = decodeNodeMessage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (error) {
      this.options.logger.warn(`redis: dropped an unreadable message on ${name}: ${String(error)}`);
      return;
    }
    if (message.nodeId === this.nodeId) return;
    let nodes = this.seen.get(documentId);
    if (!nodes) {
      nodes = new Map();
      this.seen.set(documentId, nodes);
    }
    const last = nodes.get(message.nodeId);
    nodes.set(message.nodeId, message.seq);
    // The first message of a node is only a start; after it, anything but the next number means a loss.
    if (last !== undefined && message.seq !== last + 1) this.options.onGap?.(documentId);
    if (message.sentAt) this.options.onReceived?.(Math.max(0, Date.now() - message.sentAt));
    this.local.publish(documentId, { ...message.broadcast, remote: true });
  }
}

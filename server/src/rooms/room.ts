import {
  CloseCode,
  DEFAULT_SHAPE_LIMITS,
  type DocumentId,
  documentShapeProblems,
  type ShapeLimits,
  shapeReason,
  updateShapeProblem,
  watchShape,
  watchTreatyRules,
} from '@travaux/shared';
import * as Y from 'yjs';
import { missingFromStore } from '../fanout/catch-up.ts';
import type { Broadcast, Fanout } from '../fanout/fanout.ts';
import type { Logger } from '../log.ts';
import type { DocumentStore } from '../persistence/document-store.ts';
import type { Connection } from '../transport/connection.ts';
import { type Admitted, CommitQueue } from './commit-queue.ts';
import { type AfterCompactHook, Compactor } from './compactor.ts';
import {
  type Author,
  decodeAwareness,
  encodeAwareness as encodeAwarenessEntries,
  isEmptyUpdate,
  type RoomGuard,
} from './guard.ts';
import { mergeAll } from './merge.ts';
import {
  type ClientMessage,
  decodeClientFrame,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
} from './messages.ts';
import { Presence } from './presence.ts';
import { admitUpdate } from './update-gate.ts';

/** What a room needs from the rest of the server. */
export interface RoomOptions {
  readonly store: DocumentStore;
  readonly fanout: Fanout;
  readonly logger: Logger;
  /** Logged updates (rows) after which the room compacts its log into a snapshot. */
  readonly compactEvery: number;
  /** A connection whose unsent bytes exceed this is closed (GoingAway); its client reconnects and resyncs. */
  readonly maxBufferedBytes: number;
  readonly afterCompact?: AfterCompactHook;
  /** Called after every committed batch (checkpoints of the live text watch activity through it). */
  readonly afterCommit?: (documentId: DocumentId, updates: number, seconds: number) => void;
  /** Authorship and presence rules (AC7, AC8, AC10). */
  readonly guard: RoomGuard;
  /** Largest presence state of one client (JSON bytes); a larger one closes the connection (4413). 8 KiB unset. */
  readonly maxPresenceBytes?: number;
  /** Bounds on the document's shape (SH7); the defaults when not given. */
  readonly shapeLimits?: ShapeLimits;
  /**
   * False only in tests of the room mechanics that sync generic Yjs types instead of a treaty: the shape check
   * (SH1–SH8) then does not run. Never set by the server's configuration.
   */
  readonly checkShape?: boolean;
  /** Told of every refused update (to rate-limit the reconnects of who keeps sending them). */
  readonly onRefused?: (author: Author) => void;
}

/** Why a room could not be loaded; `reason` 'not_found' means the store has no such document. */
export class RoomLoadError extends Error {
  override name = 'RoomLoadError';
  constructor(
    readonly reason: 'not_found' | 'store_failed',
    message: string,
  ) {
    super(message);
  }
}

interface Member {
  readonly connection: Connection;
  readonly author: Author;
  /** The Yjs client id this connection publishes presence for (its first awareness entry), once known. */
  awarenessClient: number | null;
  /** Refusals already audited for this connection (one audit entry per kind, not one per frame). */
  readonly refusals: Set<string>;
  /** False once the connection closed or was ejected; nothing more is sent to it. */
  open: boolean;
  /** True once ejected for a bad frame: its later (queued) frames are dropped. */
  ejected: boolean;
  /** True once sent the document's sync step 1 and the current presence. */
  greeted: boolean;
}

/** A sync step 2 answer that holds admitted updates still being stored: sent once they are (commit first). */
interface HeldAnswer {
  readonly member: Member;
  readonly stateVector: Uint8Array;
  readonly frame: Uint8Array;
  /** Sent once this many admitted updates are settled. */
  readonly after: number;
}

/**
 * The least time between the starts of two commits of one document (see `CommitQueue`). Updates spaced wider
 * than this are committed and relayed in the turn after they arrive; a fast writer's updates are gathered into
 * one commit and one write per reader every 2 ms, so that the cost per update falls as the rate rises.
 */
const COMMIT_SPACING_MS = 2;

/** The transaction origin of updates this room applies from another node or the store (SN6, SN7). */
const REMOTE = Symbol('remote');

/** How long the encoded whole state is kept after the last client that needed it (see `Room.wholeState`). */
const WHOLE_STATE_KEPT_MS = 10_000;

/** The state vector of a client that holds nothing (a varint count of zero clients). */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0;
}

type State = 'loading' | 'ready' | 'failed' | 'closing' | 'closed';

/**
 * One live document: its Y.Doc, presence and connections. The only place where client frames are decoded and
 * validated. Frames that arrive while the stored state loads are queued. An update is validated by applying it
 * to the live document (`admitUpdate`); it is committed to the store (one transaction per batch: an event-loop
 * turn's updates, commits at least `COMMIT_SPACING_MS` apart) before anything that holds it is sent: broadcasts
 * follow the commit, and a sync step 2 answer that holds uncommitted updates waits for them. An update refused
 * after it was applied is taken out at once by restoring the document from the room's own encoded history (SH9);
 * only a failed commit (the store lacks what the document holds) rebuilds it from the store.
 */
export class Room {
  /** Settles when the stored state is loaded; rejects with `RoomLoadError`. */
  readonly ready: Promise<void>;
  private state: State = 'loading';
  private doc: Y.Doc | null = null;
  private presence: Presence | null = null;
  /** Admitted updates so far, and how many of them are settled (committed, or failed and rebuilt away). */
  private admitted = 0;
  private settled = 0;
  private held: HeldAnswer[] = [];
  /** Set while the document is rebuilt after a refusal; frames are queued meanwhile. */
  private rebuilding: Promise<void> | null = null;
  /** True from a refusal until the rebuild: the document may hold what the store never will. */
  private tainted = false;
  private unsubscribe: (() => void) | null = null;
  private readonly members = new Map<string, Member>();
  private queue: { member: Member; frame: Uint8Array }[] = [];
  private readonly commits = new CommitQueue(
    (batch) =>
      this.commit(batch).catch((error: unknown) =>
        this.options.logger.error(`document ${this.documentId}: commit failed`, error),
      ),
    COMMIT_SPACING_MS,
  );
  private compactor: Compactor | null = null;
  private closed: Promise<void> | null = null;
  /** Client id → owning person, loaded with the document and extended as ids are first used (AC7). */
  private owners = new Map<number, string>();
  /**
   * The sync step 2 answer for a client that has nothing yet (every page that opens the document), encoded
   * once and reused until the document changes, or dropped when no new client asked for it for a while.
   */
  private wholeState: Uint8Array | null = null;
  private wholeStateTimer: NodeJS.Timeout | null = null;
  /** An upper bound of the document's encoded size: what was loaded plus what was admitted since (SH7). */
  private bytes = 0;
  /**
   * SH9: the encoded updates whose application in order gives the live document (what was loaded, then every
   * admitted update's effect), folded into one encoding of the document once the tail outgrows it. A refusal
   * found after the update was applied (block order, the proposal and bracket rules, forged client ids, missing
   * dependencies) restores the document from these bytes at once, without the refused update: no store read,
   * no frame waits, nothing sent to anyone changes.
   */
  private history: Uint8Array[] = [];
  private historyBase = 0;
  private historyTail = 0;

  /** Starts loading `documentId` once `after` (a previous unload of the same document) has settled. */
  constructor(
    readonly documentId: DocumentId,
    private readonly options: RoomOptions,
    after: Promise<unknown> = Promise.resolve(),
  ) {
    this.ready = after.then(
      () => this.load(),
      () => this.load(),
    );
    // The manager and readers observe failures through `ready`; do not report them as unhandled here.
    this.ready.catch(() => {});
  }

  /** True when loading failed; such a room serves nothing and must be replaced. */
  get failed(): boolean {
    return this.state === 'failed';
  }

  /** Adds a connection. It is greeted (sync step 1, current presence) as soon as the document is loaded. */
  join(connection: Connection, author: Author): void {
    const member: Member = {
      connection,
      author,
      awarenessClient: null,
      refusals: new Set(),
      open: true,
      ejected: false,
      greeted: false,
    };
    this.members.set(connection.id, member);
    if (this.state === 'ready') this.greet(member);
  }

  /** Handles one binary frame from connection `connectionId`, queueing it while the document loads. */
  receive(connectionId: string, frame: Uint8Array): void {
    const member = this.members.get(connectionId);
    if (!member?.open) return;
    if (this.state === 'loading') this.queue.push({ member, frame });
    else if (this.state === 'ready') this.handle(member, frame);
  }

  /** Removes a connection (closed by its client or by us) and its presence. */
  leave(connectionId: string): void {
    const member = this.members.get(connectionId);
    if (!member) return;
    member.open = false;
    this.members.delete(connectionId);
    this.presence?.forget(connectionId);
  }

  /** Runs `read` on the loaded document once everything admitted is committed. Rejects when loading failed. */
  async read<T>(read: (doc: Y.Doc) => T): Promise<T> {
    await this.ready;
    await this.rebuilding;
    await this.flush();
    if (this.state !== 'ready' || !this.doc) throw new Error(`room ${this.documentId} is not serving`);
    return read(this.doc);
  }

  /**
   * SH10: a change the server makes on behalf of `author` (the chair's repair): `change` runs on a copy of the
   * live document, and what it changed is admitted like a client's update (claimed, stored with its provenance,
   * then sent to every member). Resolves with what `change` returned once it is committed.
   */
  async change<T>(author: Author, change: (doc: Y.Doc) => T): Promise<T> {
    await this.ready;
    await this.rebuilding;
    if (this.state !== 'ready' || !this.doc) throw new Error(`room ${this.documentId} is not serving`);
    const scratch = new Y.Doc();
    // Its structs are claimed for `author` (AC7): never under a client id someone already owns.
    while (this.owners.has(scratch.clientID))
      scratch.clientID = crypto.getRandomValues(new Uint32Array(1))[0]!;
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(this.doc));
    const before = Y.encodeStateVector(scratch);
    const result = change(scratch);
    const update = Y.encodeStateAsUpdate(scratch, before);
    scratch.destroy();
    const admission = admitUpdate(this.doc, update);
    if (!admission.ok) {
      this.restore();
      throw new Error(
        `document ${this.documentId}: a change by the server did not apply (${admission.reason})`,
      );
    }
    if (admission.effective !== null) {
      const fresh = admission.clients.filter((id) => !this.owners.has(id));
      for (const id of fresh) this.owners.set(id, author.personId);
      this.bytes += admission.effective.length;
      this.remember(admission.effective);
      this.admitted += 1;
      // An origin no connection has: every member is sent the change.
      this.commits.add({
        origin: 'server',
        update: admission.effective,
        author,
        clients: admission.clients,
        fresh,
      });
    }
    await this.flush();
    return result;
  }

  /** Commits every admitted update; resolves once the store has them all. */
  flush(): Promise<void> {
    return this.commits.flush();
  }

  /**
   * Unloads: stops taking frames, closes remaining connections (GoingAway), commits what was admitted, writes
   * a snapshot when the log is not empty, runs `afterCompact`, and frees the document. Idempotent.
   */
  close(): Promise<void> {
    this.closed ??= this.shutdown();
    return this.closed;
  }

  private async shutdown(): Promise<void> {
    await this.ready.catch(() => {});
    await this.rebuilding;
    const wasReady = this.state === 'ready';
    this.state = 'closing';
    this.queue = [];
    for (const member of this.members.values()) {
      member.connection.close(CloseCode.GoingAway, 'document unloading');
      this.leave(member.connection.id);
    }
    this.commits.stop();
    if (wasReady) {
      await this.flush();
      await this.compactor?.finish();
    }
    this.unsubscribe?.();
    this.presence?.destroy();
    this.forgetWholeState();
    this.doc?.destroy();
    this.unsubscribe = null;
    this.presence = null;
    this.held = [];
    this.doc = null;
    this.state = 'closed';
  }

  private async load(): Promise<void> {
    const started = performance.now();
    const { store, fanout, logger } = this.options;
    let stored: Awaited<ReturnType<DocumentStore['loadDocument']>>;
    try {
      [stored, this.owners] = await Promise.all([
        store.loadDocument(this.documentId),
        this.options.guard.clientIdOwners(this.documentId),
      ]);
    } catch (error) {
      this.fail(CloseCode.InternalError, 'document could not be loaded');
      throw new RoomLoadError('store_failed', `loading ${this.documentId} failed: ${String(error)}`);
    }
    if (!stored) {
      this.fail(CloseCode.DocumentNotFound, 'document not found');
      throw new RoomLoadError('not_found', `no document ${this.documentId}`);
    }
    const doc = this.build(stored);
    this.doc = doc;
    if (this.options.checkShape !== false) this.auditShape(doc);
    this.presence = new Presence((update, origin) =>
      fanout.publish(this.documentId, { kind: 'awareness', origin, update }),
    );
    this.unsubscribe = fanout.subscribe(this.documentId, (broadcast) => this.deliver(broadcast));
    // Other nodes' rooms of this document (SN10) tell this one their connections' presence.
    fanout.publish(this.documentId, { kind: 'presence-query' });
    this.state = 'ready';
    logger.info(
      `loaded document ${this.documentId} (${stored.updates.length} logged updates, ${Math.round(performance.now() - started)} ms)`,
    );
    for (const member of this.members.values()) this.greet(member);
    const queued = this.queue;
    this.queue = [];
    for (const { member, frame } of queued) if (!member.ejected) this.handle(member, frame);
    this.compactor = new Compactor(
      this.documentId,
      () => this.snapshot(),
      this.options,
      stored.lastSeq,
      stored.updates.length,
    );
  }

  /** A Y.Doc of the stored state. */
  private build(stored: { snapshot: Uint8Array | null; updates: readonly Uint8Array[] }): Y.Doc {
    const doc = new Y.Doc();
    this.bytes =
      (stored.snapshot?.length ?? 0) + stored.updates.reduce((sum, update) => sum + update.length, 0);
    this.history = stored.snapshot ? [stored.snapshot, ...stored.updates] : [...stored.updates];
    this.historyBase = this.bytes;
    this.historyTail = 0;
    for (const update of this.history) {
      try {
        Y.applyUpdate(doc, update);
      } catch (error) {
        // Every stored update passed the gate; one that fails now is reported, not allowed to brick the document.
        this.options.logger.error(
          `document ${this.documentId}: a stored update does not apply; skipped`,
          error,
        );
      }
    }
    this.forgetWholeState();
    doc.on('update', () => this.forgetWholeState());
    return doc;
  }

  /**
   * SH8: a document stored before its shape was checked may hold what the schema does not have. It is served as
   * it is (readers never delete: `readTreatyStructure`), and what the audit finds is logged and written to the audit log.
   */
  private auditShape(doc: Y.Doc): void {
    const problems = documentShapeProblems(doc, this.limits);
    if (problems.length === 0) return;
    const reasons = problems.map(shapeReason);
    this.options.logger.warn(
      `document ${this.documentId}: ${problems.length} shape problem(s) in the stored document: ${reasons.slice(0, 5).join('; ')}`,
    );
    this.options.guard.shapeProblems(this.documentId, reasons);
  }

  private get limits(): ShapeLimits {
    return this.options.shapeLimits ?? DEFAULT_SHAPE_LIMITS;
  }

  /** SH7: the records (proposals and brackets) `delegation` has in the live document. */
  private recordCount(delegation: string): number {
    let count = 0;
    for (const name of ['proposals', 'brackets']) {
      for (const value of this.doc!.getMap<{ delegation?: unknown }>(name).values()) {
        if (value?.delegation === delegation) count += 1;
      }
    }
    return count;
  }

  /** SH7: whether `update` would take the document past its bound (measured exactly only near the bound). */
  private tooBig(update: Uint8Array): boolean {
    const max = this.limits.maxDocumentBytes;
    if (this.bytes + update.length <= max) return false;
    this.bytes = Y.encodeStateAsUpdate(this.doc!).length;
    return this.bytes + update.length > max;
  }

  /** The document for a snapshot once everything admitted is committed; null while it is being rebuilt. */
  private async snapshot(): Promise<Y.Doc | null> {
    await this.flush();
    return !this.tainted && (this.state === 'ready' || this.state === 'closing') ? this.doc : null;
  }

  /**
   * The live document holds an update whose commit failed. Frames wait while it is rebuilt: what was admitted
   * before is committed, then the document is reloaded from the store, which never saw the failed batch.
   * Answers held for commits are answered again.
   */
  private taint(): void {
    this.tainted = true;
    if (this.rebuilding || this.state !== 'ready') return;
    this.state = 'loading';
    const waiting = this.held;
    this.held = [];
    this.rebuilding = this.rebuild(waiting).finally(() => {
      this.rebuilding = null;
    });
  }

  /** Records an admitted update's effect in `history`, folding the history once its tail outgrows its base. */
  private remember(effective: Uint8Array): void {
    this.history.push(effective);
    this.historyTail += effective.length;
    // Folding costs one encoding of the document each time the tail reaches the base's size (and at least every
    // 4,096 updates): constant work per byte admitted.
    if (this.historyTail > Math.max(64 * 1024, this.historyBase) || this.history.length > 4096) {
      const whole = Y.encodeStateAsUpdate(this.doc!);
      this.history = [whole];
      this.historyBase = whole.length;
      this.historyTail = 0;
    }
  }

  /**
   * SH9: the live document holds part or all of an update refused after it was applied. It is replaced, in the
   * same turn, by the document rebuilt from `history` (which never held the refused update): every admitted
   * update is in it, committed or not, so commits, held answers and other members carry on untouched.
   */
  private restore(): void {
    const history = this.history;
    const base = this.historyBase;
    const tail = this.historyTail;
    const previous = this.doc;
    this.doc = this.build({ snapshot: null, updates: history });
    this.history = history;
    this.historyBase = base;
    this.historyTail = tail;
    previous?.destroy();
    this.options.logger.info(`document ${this.documentId}: restored without a refused update`);
  }

  private async rebuild(waiting: readonly HeldAnswer[]): Promise<void> {
    await this.commits.flush();
    let stored: Awaited<ReturnType<DocumentStore['loadDocument']>> = null;
    try {
      stored = await this.options.store.loadDocument(this.documentId);
    } catch (error) {
      this.options.logger.error(`document ${this.documentId}: reloading failed`, error);
    }
    if (this.state !== 'loading') return;
    if (!stored) {
      this.fail(CloseCode.InternalError, 'document could not be reloaded');
      return;
    }
    this.doc?.destroy();
    this.doc = this.build(stored);
    this.tainted = false;
    this.state = 'ready';
    this.options.logger.info(`document ${this.documentId}: rebuilt from the store after a refused update`);
    for (const member of this.members.values()) if (!member.greeted) this.greet(member);
    for (const { member, stateVector } of waiting) if (member.open) this.answer(member, stateVector);
    const queued = this.queue;
    this.queue = [];
    for (const { member, frame } of queued) if (!member.ejected) this.handle(member, frame);
  }

  private fail(code: CloseCode, reason: string): void {
    this.state = 'failed';
    this.queue = [];
    for (const member of this.members.values()) this.eject(member, code, reason);
  }

  private greet(member: Member): void {
    member.greeted = true;
    const doc = this.doc!;
    this.send(member, encodeSyncStep1(Y.encodeStateVector(doc)));
    const states = this.presence!.encodeAll();
    if (states) this.send(member, encodeAwareness(states));
  }

  private handle(member: Member, frame: Uint8Array): void {
    const decoded = decodeClientFrame(frame);
    if (!decoded.ok) {
      this.eject(member, decoded.code, decoded.reason);
      return;
    }
    try {
      this.apply(member, decoded.message);
    } catch (error) {
      this.options.logger.error(`document ${this.documentId}: frame handling failed`, error);
      this.eject(member, CloseCode.InternalError, 'internal error');
    }
  }

  private apply(member: Member, message: ClientMessage): void {
    switch (message.kind) {
      case 'sync-step-1':
        this.answer(member, message.stateVector);
        return;
      case 'sync-step-2':
      case 'sync-update':
        this.admit(member, message.update);
        return;
      case 'awareness':
        // A departed member's queued presence would only be removed again at once.
        if (member.open) this.applyPresence(member, message.update);
        return;
    }
  }

  /** Sync step 2: what the live document has beyond `stateVector`, sent once all of it is committed. */
  private answer(member: Member, stateVector: Uint8Array): void {
    const frame = isEmptyStateVector(stateVector)
      ? this.wholeStateFrame()
      : encodeSyncStep2(Y.encodeStateAsUpdate(this.doc!, stateVector));
    if (this.settled === this.admitted) this.send(member, frame);
    else this.held.push({ member, stateVector, frame, after: this.admitted });
  }

  private wholeStateFrame(): Uint8Array {
    this.wholeState ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.doc!));
    if (this.wholeStateTimer) this.wholeStateTimer.refresh();
    else {
      this.wholeStateTimer = setTimeout(() => this.forgetWholeState(), WHOLE_STATE_KEPT_MS);
      this.wholeStateTimer.unref();
    }
    return this.wholeState;
  }

  private forgetWholeState(): void {
    this.wholeState = null;
    if (this.wholeStateTimer) clearTimeout(this.wholeStateTimer);
    this.wholeStateTimer = null;
  }

  /**
   * AC10: a connection publishes presence for one client id only (its own, which it must not take from
   * someone else), and the `user` field others see is stamped by the server from its principal.
   */
  private applyPresence(member: Member, update: Uint8Array): void {
    const { author } = member;
    const kept = [];
    const entries = decodeAwareness(update);
    // GD4: a state over the bound is relayed to nobody, and the connection that sent it is closed.
    const limit = this.options.maxPresenceBytes ?? 8 * 1024;
    const oversized = entries.find((entry) => entry.bytes > limit);
    if (oversized) {
      const reason = `presence state of ${oversized.bytes} bytes exceeds the limit of ${limit}`;
      this.refuse(member, 'presence-too-large', reason);
      this.eject(member, CloseCode.PresenceTooLarge, reason);
      return;
    }
    for (const entry of entries) {
      if (member.awarenessClient === null) {
        const owner = this.owners.get(entry.clientId);
        if (owner !== undefined && owner !== author.personId) {
          this.refuse(
            member,
            'presence-of-other',
            `presence for client id ${entry.clientId}, owned by someone else`,
          );
          continue;
        }
        member.awarenessClient = entry.clientId;
        if (owner === undefined) {
          this.owners.set(entry.clientId, author.personId);
          void this.options.guard
            .claim(this.documentId, [entry.clientId], author.personId)
            .catch((error: unknown) =>
              this.options.logger.error(`document ${this.documentId}: claiming a client id failed`, error),
            );
        }
      }
      if (entry.clientId !== member.awarenessClient) {
        this.refuse(member, 'presence-of-other', `presence for client id ${entry.clientId}, not its own`);
        continue;
      }
      kept.push(
        entry.state === null
          ? entry
          : { ...entry, state: { ...entry.state, user: this.options.guard.stamp(author) } },
      );
    }
    if (kept.length > 0) this.presence!.apply(member.connection.id, encodeAwarenessEntries(kept));
  }

  private admit(member: Member, update: Uint8Array): void {
    if (!member.author.canWrite) {
      this.refuseReadOnly(member, update);
      return;
    }
    const { author } = member;
    const editor = {
      personId: author.personId,
      name: author.name,
      delegation: author.delegation,
      role: author.role === 'chair' ? 'chair' : 'delegate',
    } as const;
    // SH1–SH7 before the update touches the document: a refusal here costs nothing but the refused connection.
    const checkShape = this.options.checkShape !== false;
    const pre = !checkShape
      ? ({ ok: true } as const)
      : this.tooBig(update)
        ? {
            ok: false as const,
            problem: {
              rule: 'SH7' as const,
              message: `the document would exceed its bound of ${this.limits.maxDocumentBytes} bytes`,
            },
          }
        : updateShapeProblem(this.doc!, update, this.limits, (delegation) => this.recordCount(delegation));
    if (!pre.ok) {
      if ('malformed' in pre) {
        this.eject(member, CloseCode.MalformedMessage, pre.malformed);
        return;
      }
      const reason = shapeReason(pre.problem);
      this.refuse(member, `shape:${pre.problem.rule}`, reason);
      this.eject(member, CloseCode.ShapeViolation, reason);
      return;
    }
    const admission = admitUpdate(this.doc!, update, (doc) => {
      // SH3 (children in the order their content expressions allow) needs the integrated result.
      const shape = checkShape ? watchShape(doc) : { finish: () => null };
      const watch = watchTreatyRules(doc, editor);
      return {
        finish: () => {
          const problem = shape.finish();
          const violation = watch.finish();
          if (problem) return shapeReason(problem);
          return violation ? `${violation.rule}: ${violation.message}` : null;
        },
      };
    });
    if (!admission.ok) {
      this.restore();
      if (admission.rule) {
        const shape = admission.reason.startsWith('SH');
        this.refuse(member, `${shape ? 'shape' : 'rule'}:${admission.reason.slice(0, 4)}`, admission.reason);
        this.eject(member, shape ? CloseCode.ShapeViolation : CloseCode.RuleViolation, admission.reason);
      } else {
        this.eject(member, CloseCode.MalformedMessage, admission.reason);
      }
      return;
    }
    if (admission.effective === null) return;
    // AC7: structs under a client id that another person claimed are forged authorship.
    const { clients } = admission;
    const personId = member.author.personId;
    const stolen = clients.find((id) => {
      const owner = this.owners.get(id);
      return owner !== undefined && owner !== personId;
    });
    if (stolen !== undefined) {
      this.restore();
      this.refuse(member, 'client-id-taken', `update under client id ${stolen}, owned by someone else`);
      this.eject(member, CloseCode.ClientIdTaken, `client id ${stolen} belongs to another person`);
      return;
    }
    const fresh = clients.filter((id) => !this.owners.has(id));
    for (const id of fresh) this.owners.set(id, personId);
    this.bytes += admission.effective.length;
    this.remember(admission.effective);
    this.admitted += 1;
    this.commits.add({
      origin: member.connection.id,
      update: admission.effective,
      author: member.author,
      clients,
      fresh,
    });
  }

  /** AC8: an observer's writes are dropped; an empty sync step 2 is the normal handshake, not an attempt. */
  private refuseReadOnly(member: Member, update: Uint8Array): void {
    let empty: boolean;
    try {
      empty = isEmptyUpdate(update);
    } catch {
      this.eject(member, CloseCode.MalformedMessage, 'update could not be decoded');
      return;
    }
    if (empty) return;
    if (!member.refusals.has('read-only')) {
      this.send(
        member,
        encodePermissionDenied(
          `read-only: ${member.author.role === 'observer' ? 'an observer' : 'the convenor'} cannot change the text`,
        ),
      );
    }
    this.refuse(
      member,
      'read-only',
      `${member.author.role === 'observer' ? 'an observer' : 'the convenor'} tried to change the text`,
    );
  }

  /** Audits a refusal once per kind and connection. */
  private refuse(member: Member, kind: string, reason: string): void {
    if (kind !== 'read-only' && kind !== 'presence-of-other') this.options.onRefused?.(member.author);
    if (member.refusals.has(kind)) return;
    member.refusals.add(kind);
    this.options.guard.refused(this.documentId, member.author, reason, {
      kind,
      connection: member.connection.id,
    });
  }

  /** Commit before broadcast: the batch is stored in one transaction, then applied and published. */
  private async commit(batch: readonly Admitted[]): Promise<void> {
    const { store, fanout, logger } = this.options;
    // A failed room ejected everyone; what they sent last is resent when they reconnect.
    if (this.state === 'failed' || !this.doc) {
      this.settled += batch.length;
      return;
    }
    const merged = mergeAll(batch.map((entry) => entry.update));
    let seq: number;
    const started = performance.now();
    try {
      // Claims first: whatever is stored has a durable author (the claims table outlives compaction).
      for (const [personId, ids] of freshClaims(batch)) {
        const claim = await this.options.guard.claim(this.documentId, ids, personId);
        if (!claim.ok) throw new Error(`client id ${claim.clientId} is already claimed by ${claim.ownedBy}`);
      }
      seq = await store.appendUpdates(this.documentId, [merged]);
      for (const { author, clients } of byAuthor(batch)) {
        await this.options.guard.recordProvenance(this.documentId, seq, author, clients);
      }
    } catch (error) {
      logger.error(`document ${this.documentId}: storing ${batch.length} updates failed`, error);
      // Nothing of the batch is stored; its senders reconnect and resend it in their sync step 2.
      for (const origin of new Set(batch.map((entry) => entry.origin))) {
        const member = this.members.get(origin);
        if (member) this.eject(member, CloseCode.InternalError, 'update could not be stored');
      }
      // The live document already holds the batch: rebuild it from the store, which does not.
      this.taint();
      this.settled += batch.length;
      return;
    }
    this.settled += batch.length;
    if (this.held.length > 0) this.release();
    fanout.publish(this.documentId, { kind: 'update', parts: batch, merged });
    this.compactor?.recordCommit(seq);
    this.options.afterCommit?.(this.documentId, batch.length, (performance.now() - started) / 1000);
  }

  /** Sends the held sync step 2 answers whose updates are all committed now. */
  private release(): void {
    const due = this.held.filter((answer) => answer.after <= this.settled);
    this.held = this.held.filter((answer) => answer.after > this.settled);
    for (const { member, frame } of due) this.send(member, frame);
  }

  /**
   * SN7: applies what the store holds beyond this room's state vector (after a gap in the fan-out, a Redis
   * reconnection, or periodically) and sends what was really missing to the local connections. Idempotent.
   */
  async catchUp(): Promise<void> {
    if (this.state !== 'ready' || !this.doc) return;
    const doc = this.doc;
    const missing = await missingFromStore(this.options.store, this.documentId, Y.encodeStateVector(doc));
    if (!missing || this.doc !== doc || this.state !== 'ready') return;
    this.applyFromElsewhere(missing);
  }

  /** Applies an update committed by another node to this room's document; delivers only what was new here. */
  private applyFromElsewhere(update: Uint8Array): void {
    const doc = this.doc;
    if (!doc) return;
    const fresh: Uint8Array[] = [];
    const collect = (applied: Uint8Array) => fresh.push(applied);
    doc.on('update', collect);
    try {
      Y.applyUpdate(doc, update, REMOTE);
    } catch (error) {
      this.options.logger.warn(
        `document ${this.documentId}: an update from another node does not apply: ${String(error)}`,
      );
    } finally {
      doc.off('update', collect);
    }
    if (fresh.length > 0) this.deliver({ kind: 'update', parts: [], merged: mergeAll(fresh) });
  }

  /** Sends a broadcast of this document to the local connections, never back to its origin. */
  private deliver(broadcast: Broadcast): void {
    if (broadcast.remote && broadcast.kind === 'update') {
      // Committed by the owner on another node (SN6): this node's copy is a replica that its readers read.
      if (this.state === 'ready') this.applyFromElsewhere(broadcast.merged);
      return;
    }
    if (broadcast.kind === 'presence-query') {
      const own = broadcast.remote ? this.presence?.encodeOwn() : null;
      if (own) this.options.fanout.publish(this.documentId, { kind: 'awareness', origin: null, update: own });
      return;
    }
    if (broadcast.kind === 'awareness') {
      if (broadcast.remote) {
        try {
          this.presence?.applyRemote(broadcast.update);
        } catch (error) {
          this.options.logger.warn(
            `document ${this.documentId}: presence from another node: ${String(error)}`,
          );
        }
      }
      const frame = encodeAwareness(broadcast.update);
      for (const member of this.members.values()) {
        if (member.connection.id !== broadcast.origin) this.send(member, frame);
      }
      return;
    }
    // One encoding for everyone who sent nothing in this batch; a sender gets the rest merged without its own.
    const origins = new Set(broadcast.parts.map((part) => part.origin));
    let everything: Uint8Array | null = null;
    for (const member of this.members.values()) {
      if (!origins.has(member.connection.id)) {
        everything ??= encodeSyncUpdate(broadcast.merged);
        this.send(member, everything);
        continue;
      }
      const parts = broadcast.parts.filter((part) => part.origin !== member.connection.id);
      if (parts.length > 0) this.send(member, encodeSyncUpdate(mergeAll(parts.map((part) => part.update))));
    }
  }

  private send(member: Member, frame: Uint8Array): void {
    if (!member.open) return;
    if (member.connection.bufferedAmount > this.options.maxBufferedBytes) {
      this.eject(member, CloseCode.GoingAway, 'send buffer full; reconnect to resync');
      return;
    }
    member.connection.send(frame);
  }

  private eject(member: Member, code: CloseCode, reason: string): void {
    if (member.ejected) return;
    member.ejected = true;
    member.open = false;
    this.options.logger.warn(
      `document ${this.documentId}: closing connection ${member.connection.id} (${code} ${reason})`,
    );
    member.connection.close(code, reason);
  }
}

/** The client ids each person claims in `batch`. */
function freshClaims(batch: readonly Admitted[]): Map<string, number[]> {
  const claims = new Map<string, number[]>();
  for (const entry of batch) {
    if (entry.fresh.length === 0) continue;
    const ids = claims.get(entry.author.personId) ?? [];
    ids.push(...entry.fresh);
    claims.set(entry.author.personId, ids);
  }
  return claims;
}

/** The distinct authors of `batch` with the client ids of their structs. */
function byAuthor(batch: readonly Admitted[]): { author: Author; clients: number[] }[] {
  const authors = new Map<string, { author: Author; clients: Set<number> }>();
  for (const entry of batch) {
    const found = authors.get(entry.author.personId) ?? { author: entry.author, clients: new Set<number>() };
    for (const id of entry.clients) found.clients.add(id);
    authors.set(entry.author.personId, found);
  }
  return [...authors.values()].map(({ author, clients }) => ({ author, clients: [...clients] }));
}

import type { DelegationId, DocumentId } from '@travaux/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvitationFullError, NO_ACTOR, type RosterStore } from './roster-store.ts';

/** A fresh, empty roster on `clock`, and how to release it. Called once per test. */
export type MakeRosterStore = (
  clock: () => Date,
) => Promise<{ readonly store: RosterStore; close(): Promise<void> }>;

/**
 * The behaviour every `RosterStore` backend must have: each backend's test file calls this once with a factory
 * for an empty roster (the same suite runs on SQLite and PostgreSQL).
 */
export function runRosterStoreContract(name: string, makeStore: MakeRosterStore): void {
  describe(`RosterStore contract: ${name}`, () => {
    let store: RosterStore;
    let close: () => Promise<void>;
    let time: number;
    const clock = () => new Date(time);
    const tick = (ms = 1000) => {
      time += ms;
    };
    const doc = (value: string) => value as DocumentId;
    const usa = 'USA' as DelegationId;

    beforeEach(async () => {
      time = Date.UTC(2024, 7, 8, 12, 0, 0);
      ({ store, close } = await makeStore(clock));
    });

    afterEach(async () => {
      await close();
    });

    const invite = (negotiationId: string, label: string | null = null, maxPeople: number | null = null) =>
      store.createInvitation({
        negotiationId,
        role: 'delegate',
        delegation: usa,
        label,
        expiresAt: '2024-08-22T12:00:00.000Z',
        maxPeople,
      });

    it('AC1: creates negotiations with a given or fresh id and finds them again', async () => {
      const given = await store.createNegotiation('Plastics treaty, INC-5', 'neg-1');
      expect(given).toEqual({
        id: 'neg-1',
        title: 'Plastics treaty, INC-5',
        createdAt: '2024-08-08T12:00:00.000Z',
      });
      const fresh = await store.createNegotiation('Cybercrime — « projet »');
      expect(fresh.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await store.getNegotiation('neg-1')).toEqual(given);
      expect(await store.getNegotiation(fresh.id)).toEqual(fresh);
      expect(await store.getNegotiation('missing')).toBeNull();
      await expect(store.createNegotiation('Again', 'neg-1')).rejects.toThrow();
    });

    it('AC4: issues invitations, lists them in order of issue, and revokes once (the first time stays)', async () => {
      await store.createNegotiation('N', 'neg');
      await store.createNegotiation('Other', 'other');
      const first = await invite('neg', 'first');
      const second = await invite('neg', 'second');
      await invite('other');
      expect(first).toMatchObject({
        negotiationId: 'neg',
        role: 'delegate',
        delegation: 'USA',
        label: 'first',
        createdAt: '2024-08-08T12:00:00.000Z',
        expiresAt: '2024-08-22T12:00:00.000Z',
        revokedAt: null,
      });
      expect(await store.getInvitation(first.id)).toEqual(first);
      expect((await store.listInvitations('neg')).map((i) => i.label)).toEqual(['first', 'second']);
      tick();
      const revoked = await store.revokeInvitation(second.id);
      expect(revoked?.revokedAt).toBe('2024-08-08T12:00:01.000Z');
      tick();
      expect((await store.revokeInvitation(second.id))?.revokedAt).toBe('2024-08-08T12:00:01.000Z');
      expect(await store.revokeInvitation('missing')).toBeNull();
      expect(await store.getInvitation('missing')).toBeNull();
    });

    it('AC6: reports revocations made at or after a time, so other processes close their connections', async () => {
      await store.createNegotiation('N', 'neg');
      const a = await invite('neg');
      const b = await invite('neg');
      tick();
      await store.revokeInvitation(a.id);
      const between = new Date(time + 500).toISOString();
      tick();
      await store.revokeInvitation(b.id);
      expect(await store.revokedSince(between)).toEqual([
        { id: b.id, revokedAt: '2024-08-08T12:00:02.000Z' },
      ]);
      expect((await store.revokedSince('2024-08-08T12:00:01.000Z')).map((r) => r.id).sort()).toEqual(
        [a.id, b.id].sort(),
      );
    });

    it('AC5: creates persons under an invitation', async () => {
      await store.createNegotiation('N', 'neg');
      const invitation = await invite('neg');
      const person = await store.createPerson(invitation.id, 'Ana María Ñúñez');
      expect(person).toMatchObject({ invitationId: invitation.id, name: 'Ana María Ñúñez' });
      expect(await store.getPerson(person.id)).toEqual(person);
      expect(await store.getPerson('missing')).toBeNull();
      await expect(store.createPerson('missing', 'Nobody')).rejects.toThrow();
    });

    it('AC11: admits at most maxPeople persons per invitation, also when they sign in at the same moment', async () => {
      await store.createNegotiation('N', 'neg');
      const limited = await invite('neg', 'limited', 3);
      const open = await invite('neg', 'open', null);
      expect(limited.maxPeople).toBe(3);
      expect((await store.getInvitation(limited.id))?.maxPeople).toBe(3);
      expect((await store.getInvitation(open.id))?.maxPeople).toBeNull();
      const attempts = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => store.createPerson(limited.id, `Person ${i}`)),
      );
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(3);
      const refused = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
      expect(refused).toHaveLength(5);
      for (const r of refused) expect(r.reason).toBeInstanceOf(InvitationFullError);
      expect((await store.listPersons('neg')).filter((p) => p.invitationId === limited.id)).toHaveLength(3);
      // An ended session still counts: the link admitted that person once.
      const [someone] = await store.listPersons('neg');
      await store.endPerson(someone?.id as string);
      await expect(store.createPerson(limited.id, 'Late')).rejects.toBeInstanceOf(InvitationFullError);
      // No limit: anyone with the link.
      for (let i = 0; i < 6; i++) await store.createPerson(open.id, `Guest ${i}`);
      expect((await store.listPersons('neg')).filter((p) => p.invitationId === open.id)).toHaveLength(6);
    });

    it('AC12: lists the persons of a negotiation and ends one session once (the first time stays)', async () => {
      await store.createNegotiation('N', 'neg');
      await store.createNegotiation('Other', 'other');
      const a = await invite('neg');
      const b = await invite('other');
      const ana = await store.createPerson(a.id, 'Ana');
      tick();
      const bo = await store.createPerson(a.id, 'Bo');
      await store.createPerson(b.id, 'Elsewhere');
      expect(ana.endedAt).toBeNull();
      expect((await store.listPersons('neg')).map((p) => p.name)).toEqual(['Ana', 'Bo']);
      tick();
      const since = new Date(time).toISOString();
      const ended = await store.endPerson(bo.id);
      expect(ended).toEqual({ ...bo, endedAt: '2024-08-08T12:00:02.000Z' });
      tick();
      expect((await store.endPerson(bo.id))?.endedAt).toBe('2024-08-08T12:00:02.000Z');
      expect(await store.getPerson(bo.id)).toEqual(ended);
      expect(await store.endPerson('missing')).toBeNull();
      // Another process learns of it as of a revocation: connections are grouped by person too.
      expect(await store.revokedSince(since)).toEqual([{ id: bo.id, revokedAt: '2024-08-08T12:00:02.000Z' }]);
    });

    it('AC9: filters the audit log by action, delegation and person', async () => {
      const ana = { personId: 'p1', name: 'Ana', role: 'delegate' as const, delegation: usa };
      const li = { personId: 'p2', name: 'Li', role: 'delegate' as const, delegation: 'CHN' as DelegationId };
      await store.audit('neg', ana, 'session.opened');
      await store.audit('neg', li, 'session.opened');
      await store.audit('neg', ana, 'refused', { via: 'sync' });
      await store.audit('other', ana, 'refused');
      const actions = async (filter: Parameters<RosterStore['readAudit']>[3]) =>
        (await store.readAudit('neg', 0, 10, filter)).map((e) => `${e.action} ${e.actor.name}`);
      expect(await actions({ action: 'refused' })).toEqual(['refused Ana']);
      expect(await actions({ delegation: 'CHN' as DelegationId })).toEqual(['session.opened Li']);
      expect(await actions({ personId: 'p1' })).toEqual(['session.opened Ana', 'refused Ana']);
      expect(await actions({ personId: 'p1', action: 'session.opened' })).toEqual(['session.opened Ana']);
      expect(await actions({})).toHaveLength(3);
      const first = (await store.readAudit('neg', 0, 1, { personId: 'p1' }))[0]?.seq as number;
      expect((await store.readAudit('neg', first, 10, { personId: 'p1' })).map((e) => e.action)).toEqual([
        'refused',
      ]);
    });

    it('AC13: a document is placed released and not archived; archiving, restoring, withholding each stay', async () => {
      await store.createNegotiation('N', 'neg');
      await store.assignDocument(doc('d1'), 'neg');
      await store.assignDocument(doc('d2'), 'neg');
      expect(await store.placementOf(doc('d1'))).toEqual({
        documentId: 'd1',
        negotiationId: 'neg',
        archivedAt: null,
        released: true,
      });
      expect(await store.placementOf(doc('missing'))).toBeNull();
      expect(await store.setPlacement(doc('missing'), { released: false })).toBeNull();
      const archived = await store.setPlacement(doc('d1'), { archivedAt: '2024-08-09T10:00:00.000Z' });
      expect(archived).toMatchObject({ archivedAt: '2024-08-09T10:00:00.000Z', released: true });
      // A change names only what it changes.
      expect(await store.setPlacement(doc('d1'), { released: false })).toMatchObject({
        archivedAt: '2024-08-09T10:00:00.000Z',
        released: false,
      });
      expect(await store.setPlacement(doc('d1'), { archivedAt: null })).toMatchObject({
        archivedAt: null,
        released: false,
      });
      const all = await store.placementsOf('neg');
      expect(all.map((p) => [p.documentId, p.released]).sort()).toEqual([
        ['d1', false],
        ['d2', true],
      ]);
    });

    it('AC3: assigns each document to one negotiation, once', async () => {
      await store.createNegotiation('N', 'neg');
      await store.createNegotiation('O', 'other');
      await store.assignDocument(doc('d1'), 'neg');
      await store.assignDocument(doc('d2'), 'neg');
      expect(await store.negotiationOf(doc('d1'))).toBe('neg');
      expect(await store.negotiationOf(doc('missing'))).toBeNull();
      expect((await store.documentsOf('neg')).sort()).toEqual(['d1', 'd2']);
      expect(await store.documentsOf('other')).toEqual([]);
      await expect(store.assignDocument(doc('d1'), 'other')).rejects.toThrow();
      expect(await store.negotiationOf(doc('d1'))).toBe('neg');
    });

    it('AC7: claims client ids per document for one person and refuses a foreign one, claiming nothing', async () => {
      const big = 4_294_967_295; // Yjs client ids are unsigned 32-bit.
      expect(await store.claimClientIds(doc('d'), [1, big], 'p1')).toEqual({ ok: true });
      expect(await store.claimClientIds(doc('d'), [1, 2], 'p1')).toEqual({ ok: true });
      expect(await store.claimClientIds(doc('d'), [3, big], 'p2')).toEqual({
        ok: false,
        clientId: big,
        ownedBy: 'p1',
      });
      // The refused claim took nothing: 3 is still free.
      expect(await store.clientIdOwners(doc('d'))).toEqual(
        new Map([
          [1, 'p1'],
          [2, 'p1'],
          [big, 'p1'],
        ]),
      );
      // Claims are per document.
      expect(await store.claimClientIds(doc('other'), [1], 'p2')).toEqual({ ok: true });
      expect(await store.claimClientIds(doc('d'), [3], 'p2')).toEqual({ ok: true });
      expect((await store.clientIdOwners(doc('d'))).get(3)).toBe('p2');
    });

    it('AC7: keeps update provenance per document in sequence order; a repeated entry replaces the first', async () => {
      await store.recordProvenance([
        { documentId: doc('d'), seq: 2, personId: 'p1', delegation: usa, clientIds: [7, 8] },
        { documentId: doc('d'), seq: 1, personId: 'p2', delegation: null, clientIds: [] },
        { documentId: doc('e'), seq: 1, personId: 'p1', delegation: usa, clientIds: [7] },
      ]);
      await store.recordProvenance([
        { documentId: doc('d'), seq: 2, personId: 'p1', delegation: usa, clientIds: [9] },
      ]);
      await store.recordProvenance([]);
      expect(await store.provenance(doc('d'))).toEqual([
        { documentId: 'd', seq: 1, personId: 'p2', delegation: null, clientIds: [] },
        { documentId: 'd', seq: 2, personId: 'p1', delegation: 'USA', clientIds: [9] },
      ]);
      expect(await store.provenance(doc('none'))).toEqual([]);
    });

    it('AC9: appends audit entries per negotiation and pages through them by sequence number', async () => {
      const actor = { personId: 'p1', name: 'Ana', role: 'delegate' as const, delegation: usa };
      await store.audit('neg', NO_ACTOR, 'negotiation.created', { title: 'N' });
      tick();
      await store.audit('other', actor, 'session.opened');
      await store.audit('neg', actor, 'refused', {
        via: 'sync',
        nested: { reason: 'forged', list: [1, 'a'] },
      });
      await store.audit('neg', actor, 'connection.opened', { documentId: 'd' });
      const all = await store.readAudit('neg', 0, 10);
      expect(all.map((e) => e.action)).toEqual(['negotiation.created', 'refused', 'connection.opened']);
      expect(all[0]).toMatchObject({
        negotiationId: 'neg',
        at: '2024-08-08T12:00:00.000Z',
        actor: NO_ACTOR,
        detail: { title: 'N' },
      });
      expect(all[1]).toMatchObject({
        at: '2024-08-08T12:00:01.000Z',
        actor,
        detail: { via: 'sync', nested: { reason: 'forged', list: [1, 'a'] } },
      });
      const seqs = all.map((e) => e.seq);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      const [first, second] = seqs as [number, number];
      expect((await store.readAudit('neg', first, 1)).map((e) => e.seq)).toEqual([second]);
      expect(await store.readAudit('neg', seqs.at(-1) as number, 10)).toEqual([]);
      expect((await store.readAudit('other', 0, 10)).map((e) => e.action)).toEqual(['session.opened']);
    });

    it('keeps small settings, the last write winning', async () => {
      expect(await store.getSetting('demo')).toBeNull();
      await store.setSetting('demo', 'neg-1');
      await store.setSetting('demo', 'neg-2');
      await store.setSetting('other', '');
      expect(await store.getSetting('demo')).toBe('neg-2');
      expect(await store.getSetting('other')).toBe('');
    });
  });
}

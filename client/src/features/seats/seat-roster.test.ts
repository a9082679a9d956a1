import type { DelegationId } from '@travaux/shared';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, Seat, SeatPerson } from '../../api/seats.ts';
import {
  auditActorWords,
  auditDetailWords,
  rosterGroups,
  rosterNames,
  seatState,
  usageWords,
} from './seat-roster.ts';

const seat = (
  id: string,
  role: Seat['role'],
  delegation: string | null,
  extra: Partial<Seat> = {},
): Seat => ({
  id,
  role,
  delegation: delegation as DelegationId | null,
  label: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2030-01-01T00:00:00.000Z',
  revokedAt: null,
  maxPeople: 5,
  used: 0,
  url: `http://x/join/${id}`,
  ...extra,
});
const person = (id: string, invitationId: string): SeatPerson => ({
  id,
  invitationId,
  name: id,
  createdAt: '2026-01-01T00:00:00.000Z',
  endedAt: null,
});

describe('the roster by delegation and role (issue 20)', () => {
  it('puts every seat in exactly one group: convenors, chair, delegations by name, then observers', () => {
    const seats = [
      seat('obs', 'observer', null),
      seat('ken', 'delegate', 'KEN'),
      seat('chair', 'chair', null),
      seat('chnObs', 'observer', 'CHN'),
      seat('conv', 'convenor', null),
      seat('chn', 'delegate', 'CHN'),
    ];
    const groups = rosterGroups(seats, [person('ana', 'ken'), person('li', 'chn'), person('wu', 'chn')]);
    expect(groups.map((g) => g.title)).toEqual([
      'Convenors',
      'Chair and bureau',
      'China',
      'Kenya',
      'Observers',
    ]);
    expect(groups.flatMap((g) => g.seats.map((s) => s.seat.id)).sort()).toEqual(
      seats.map((s) => s.id).sort(),
    );
    const china = groups.find((g) => g.title === 'China');
    expect(china?.seats.map((s) => [s.seat.id, s.people.map((p) => p.name)])).toEqual([
      ['chnObs', []],
      ['chn', ['li', 'wu']],
    ]);
  });

  it('says whether a link can still be used, and how many people used it', () => {
    const now = Date.parse('2026-06-01T00:00:00.000Z');
    expect(seatState(seat('a', 'delegate', 'KEN', { used: 2 }), now)).toBe('open');
    expect(seatState(seat('a', 'delegate', 'KEN', { used: 5 }), now)).toBe('full');
    expect(seatState(seat('a', 'delegate', 'KEN', { revokedAt: '2026-02-01T00:00:00.000Z' }), now)).toBe(
      'revoked',
    );
    expect(seatState(seat('a', 'delegate', 'KEN', { expiresAt: '2026-05-01T00:00:00.000Z' }), now)).toBe(
      'expired',
    );
    expect(usageWords(seat('a', 'delegate', 'KEN', { used: 2 }))).toBe('2 of 5 people');
    expect(usageWords(seat('a', 'delegate', 'KEN', { used: 1, maxPeople: null }))).toBe(
      '1 person (no limit)',
    );
  });

  it('reads an audit line: who, and every field of its detail', () => {
    const entry: AuditEntry = {
      seq: 1,
      at: '2026-01-01T00:00:00.000Z',
      actor: { personId: 'p', name: 'Amina', role: 'delegate', delegation: 'KEN' as DelegationId },
      action: 'refused',
      detail: { via: 'sync', reason: 'agreed paragraph', code: 4422 },
    };
    expect(auditActorWords(entry)).toBe('Amina (Delegate of Kenya)');
    expect(auditDetailWords(entry)).toBe('via: sync; reason: agreed paragraph; code: 4422');
    const ended = { ...entry, action: 'session.ended', detail: { personId: 'p9', invitationId: 'ken' } };
    const names = rosterNames(
      [seat('ken', 'delegate', 'KEN', { label: 'Nairobi team' })],
      [person('p9', 'ken')],
    );
    expect(auditDetailWords(ended, names)).toBe('person: p9; invitation: Delegate — Nairobi team, Kenya');
    expect(
      auditActorWords({ ...entry, actor: { personId: null, name: null, role: null, delegation: null } }),
    ).toBe('System');
  });
});

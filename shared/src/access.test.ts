import { describe, expect, it } from 'vitest';
import {
  Action,
  can,
  delegationRule,
  isRole,
  maySeeDocument,
  mayWriteDocument,
  ROLES,
  Role,
} from './access.ts';

describe('roles and permissions', () => {
  it('AC1: there are exactly four roles', () => {
    expect([...ROLES].sort()).toEqual(['chair', 'convenor', 'delegate', 'observer']);
    expect(isRole('chair')).toBe(true);
    expect(isRole('king')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });

  it('AC2: the permission table, role by role', () => {
    const table = Object.fromEntries(
      ROLES.map((role) => [role, Object.values(Action).filter((action) => can(role, action))]),
    );
    expect(table).toEqual({
      convenor: ['read', 'manage-roster', 'read-audit', 'create-document'],
      chair: ['read', 'write-text', 'read-audit', 'create-document', 'chair-operation'],
      delegate: ['read', 'write-text'],
      observer: ['read'],
    });
  });

  it('AC2/AC8: only chairs and delegates write; only the chair runs chair operations', () => {
    expect(ROLES.filter((role) => can(role, Action.writeText))).toEqual([Role.chair, Role.delegate]);
    expect(ROLES.filter((role) => can(role, Action.chairOperation))).toEqual([Role.chair]);
    expect(can(Role.observer, Action.writeText)).toBe(false);
  });

  it('AC3: which invitations name a delegation', () => {
    expect(delegationRule(Role.delegate)).toBe('required');
    expect(delegationRule(Role.observer)).toBe('optional');
    expect(delegationRule(Role.chair)).toBe('none');
    expect(delegationRule(Role.convenor)).toBe('none');
  });
});

describe('AC13: archived and unreleased documents', () => {
  const roles = ['convenor', 'chair', 'delegate', 'observer'] as const;
  it('an unreleased draft is seen only by the convenor and the chair; an archived one is written by nobody', () => {
    for (const role of roles) {
      const creates = role === 'convenor' || role === 'chair';
      expect(maySeeDocument(role, { archived: false, released: false })).toBe(creates);
      expect(maySeeDocument(role, { archived: true, released: true })).toBe(true);
      expect(mayWriteDocument(role, { archived: true, released: true })).toBe(false);
      expect(mayWriteDocument(role, { archived: false, released: true })).toBe(
        role === 'chair' || role === 'delegate',
      );
      expect(mayWriteDocument(role, { archived: false, released: false })).toBe(role === 'chair');
    }
  });
});

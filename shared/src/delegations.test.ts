import { describe, expect, it } from 'vitest';
import {
  DELEGATION_PALETTE,
  DELEGATIONS,
  delegationById,
  delegationColor,
  isDelegationId,
} from './delegations.ts';
import { GROUPS, groupById, groupsOf, maySpeakFor } from './groups.ts';

/** WCAG 2 contrast ratio of a #rrggbb colour against white. */
function contrastOnWhite(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}

describe('delegations', () => {
  it('DL1: 193 member states, 2 observer states and the European Union, unique ids', () => {
    const count = (kind: string) => DELEGATIONS.filter((d) => d.kind === kind).length;
    expect(count('member-state')).toBe(193);
    expect(count('observer-state')).toBe(2);
    expect(count('regional-organisation')).toBe(1);
    expect(new Set(DELEGATIONS.map((d) => d.id)).size).toBe(DELEGATIONS.length);
    for (const d of DELEGATIONS)
      expect(d.id).toMatch(d.kind === 'regional-organisation' ? /^EU$/ : /^[A-Z]{3}$/);
    expect(delegationById('RUS')?.name).toBe('Russian Federation');
    expect(delegationById('IRN')?.name).toBe('Iran (Islamic Republic of)');
    expect(delegationById('USA')?.name).toBe('United States of America');
    expect(delegationById('TUR')?.name).toBe('Türkiye');
    expect(delegationById('VAT')?.kind).toBe('observer-state');
    expect(delegationById('EU')?.name).toBe('European Union');
    expect(isDelegationId('XYZ')).toBe(false);
    const names = DELEGATIONS.map((d) => d.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('DL2: every colour is stable and reaches 4.5:1 on white', () => {
    for (const colour of DELEGATION_PALETTE) expect(contrastOnWhite(colour)).toBeGreaterThanOrEqual(4.5);
    for (const d of DELEGATIONS) {
      expect(DELEGATION_PALETTE).toContain(delegationColor(d.id));
      expect(delegationColor(d.id)).toBe(delegationColor(d.id));
    }
  });

  it('DL3: the delegations of the reference scenarios have different colours', () => {
    const scenario = ['RUS', 'CHN', 'IND', 'USA', 'EU', 'MEX', 'IRN', 'AZE', 'BLR'];
    expect(new Set(scenario.map(delegationColor)).size).toBe(scenario.length);
  });
});

describe('groups', () => {
  it('GR1: every member of every group is a known delegation', () => {
    for (const group of GROUPS) {
      expect(group.members.length).toBeGreaterThan(0);
      for (const member of group.members) expect(isDelegationId(member), `${group.id}: ${member}`).toBe(true);
    }
    expect(groupById('SCO')?.members).toEqual(
      expect.arrayContaining(['CHN', 'IND', 'IRN', 'KAZ', 'KGZ', 'PAK', 'RUS', 'TJK', 'UZB', 'BLR']),
    );
    expect(groupById('EU27')?.members).toHaveLength(27);
  });

  it('GR2: every member state is in exactly one UN regional group', () => {
    const regional = GROUPS.filter((g) => g.kind === 'un-regional');
    for (const state of DELEGATIONS.filter((d) => d.kind === 'member-state')) {
      const homes = regional.filter((g) => g.members.includes(state.id)).map((g) => g.id);
      expect(homes, state.name).toHaveLength(1);
    }
  });

  it('GR3: only members speak on behalf of a group; the EU speaks for the EU 27', () => {
    expect(maySpeakFor('IRL', 'EU27')).toBe(true);
    expect(maySpeakFor('EU', 'EU27')).toBe(true);
    expect(maySpeakFor('USA', 'EU27')).toBe(false);
    expect(maySpeakFor('RUS', 'SCO')).toBe(true);
    expect(maySpeakFor('CHN', 'G77')).toBe(true);
    expect(groupsOf('RUS').map((g) => g.id)).toEqual(['SCO', 'BRICS', 'EEG']);
  });
});

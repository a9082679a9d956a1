import { describe, expect, it } from 'vitest';
import {
  DELEGATION_PALETTE,
  DELEGATIONS,
  delegationAlpha2,
  delegationById,
  delegationColor,
  delegationNameIn,
  isDelegationId,
  UN_LANGUAGES,
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

  it('DL5: palette colours stay apart for protanopia, deuteranopia and tritanopia', () => {
    // Machado, Oliveira & Fernandes (2009) simulation matrices at severity 1, applied in linear sRGB; distance
    // is CIE76 ΔE in CIELAB. 15 is a difference anyone notices at a glance.
    const simulations = {
      normal: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
      protanopia: [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
      ],
      deuteranopia: [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.01182, 0.04294, 0.968881],
      ],
      tritanopia: [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.3039],
      ],
    };
    for (const [vision, matrix] of Object.entries(simulations)) {
      const seen = DELEGATION_PALETTE.map((hex) => toLab(simulate(matrix, linearRgb(hex))));
      for (let i = 0; i < seen.length; i++) {
        for (let j = i + 1; j < seen.length; j++) {
          const distance = Math.hypot(...seen[i]!.map((v, k) => v - seen[j]![k]!));
          expect(distance, `${vision}: ${DELEGATION_PALETTE[i]} vs ${DELEGATION_PALETTE[j]}`).toBeGreaterThan(
            15,
          );
        }
      }
    }
  });

  it('DL4: names in the six UN languages, falling back to English', () => {
    expect(delegationNameIn('RUS', 'en')).toBe('Russian Federation');
    expect(delegationNameIn('RUS', 'ru')).toBe('Россия');
    expect(delegationNameIn('CHN', 'zh')).toBe('中国');
    expect(delegationNameIn('DEU', 'fr')).toBe('Allemagne');
    expect(delegationNameIn('MEX', 'es')).toBe('México');
    expect(delegationNameIn('EGY', 'ar')).toBe('مصر');
    expect(delegationNameIn('EU', 'fr')).toBe('Union européenne');
    expect(delegationAlpha2('VAT')).toBe('VA');
    expect(delegationAlpha2('PSE')).toBe('PS');
    for (const d of DELEGATIONS) {
      for (const language of UN_LANGUAGES)
        expect(delegationNameIn(d.id, language), `${d.id} ${language}`).toBeTruthy();
    }
    expect(delegationNameIn('XYZ', 'fr')).toBeUndefined();
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

function linearRgb(hex: string): number[] {
  return [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
}

function simulate(matrix: number[][], rgb: number[]): number[] {
  return matrix.map((row) =>
    Math.min(1, Math.max(0, row[0]! * rgb[0]! + row[1]! * rgb[1]! + row[2]! * rgb[2]!)),
  );
}

function toLab([r, g, b]: number[]): number[] {
  const x = (0.4124 * r! + 0.3576 * g! + 0.1805 * b!) / 0.95047;
  const y = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  const z = (0.0193 * r! + 0.1192 * g! + 0.9505 * b!) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

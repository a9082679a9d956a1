import type { DelegationId } from './ids.ts';

/**
 * A negotiating group whose members a delegation may speak for ("Ireland on behalf of the European Union").
 * Membership lists are ISO 3166-1 alpha-3 codes of UN member and observer states; regional groups follow the
 * UN's electoral groupings.
 */
export interface Group {
  readonly id: GroupId;
  readonly name: string;
  readonly kind: 'political' | 'economic' | 'regional-organisation' | 'un-regional';
  readonly members: readonly DelegationId[];
}

/** Identifier of a group, stable across releases. */
export type GroupId = (typeof GroupIds)[number];
export const GroupIds = [
  'SCO',
  'EU27',
  'BRICS',
  'G77',
  'AFRICAN',
  'ASIA_PACIFIC',
  'EEG',
  'GRULAC',
  'WEOG',
] as const;

const codes = (list: string): readonly DelegationId[] => list.trim().split(/\s+/) as DelegationId[];

/** The groups Travaux knows, with their members as of 2025. */
export const GROUPS: readonly Group[] = [
  {
    id: 'SCO',
    name: 'Shanghai Cooperation Organisation',
    kind: 'political',
    members: codes('CHN IND IRN KAZ KGZ PAK RUS TJK UZB BLR'),
  },
  {
    id: 'EU27',
    name: 'European Union (27 member States)',
    kind: 'regional-organisation',
    members: codes(
      'AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD POL PRT ROU SVK SVN ESP SWE',
    ),
  },
  {
    id: 'BRICS',
    name: 'BRICS',
    kind: 'economic',
    members: codes('BRA RUS IND CHN ZAF EGY ETH IRN ARE IDN'),
  },
  {
    id: 'G77',
    name: 'Group of 77 and China',
    kind: 'economic',
    members: codes(`
      AFG DZA AGO ATG ARG BHS BHR BGD BRB BLZ BEN BTN BOL BIH BWA BRA BRN BFA BDI CPV KHM CMR CAF TCD CHL CHN COL
      COM COG CRI CIV CUB PRK COD DJI DMA DOM ECU EGY SLV GNQ ERI SWZ ETH FJI GAB GMB GHA GRD GTM GIN GNB GUY HTI
      HND IND IDN IRN IRQ JAM JOR KEN KIR KWT LAO LBN LSO LBR LBY MDG MWI MYS MDV MLI MHL MRT MUS FSM MNG MAR MOZ
      MMR NAM NRU NPL NIC NER NGA OMN PAK PSE PAN PNG PRY PER PHL QAT RWA KNA LCA VCT WSM STP SAU SEN SYC SLE SGP
      SLB SOM ZAF SSD LKA SDN SUR SYR TJK THA TLS TGO TON TTO TUN TKM UGA ARE TZA URY VUT VEN VNM YEM ZMB ZWE`),
  },
  {
    id: 'AFRICAN',
    name: 'African Group',
    kind: 'un-regional',
    members: codes(`
      DZA AGO BEN BWA BFA BDI CPV CMR CAF TCD COM COG COD CIV DJI EGY GNQ ERI SWZ ETH GAB GMB GHA GIN GNB KEN LSO
      LBR LBY MDG MWI MLI MRT MUS MAR MOZ NAM NER NGA RWA STP SEN SYC SLE SOM ZAF SSD SDN TGO TUN UGA TZA ZMB ZWE`),
  },
  {
    id: 'ASIA_PACIFIC',
    name: 'Asia-Pacific Group',
    kind: 'un-regional',
    members: codes(`
      AFG BHR BGD BTN BRN KHM CHN CYP PRK FJI IND IDN IRN IRQ JPN JOR KAZ KIR KWT KGZ LAO LBN MYS MDV MHL FSM MNG
      MMR NRU NPL OMN PAK PLW PNG PHL QAT KOR WSM SAU SGP SLB LKA SYR TJK THA TLS TON TKM TUV ARE UZB VUT VNM YEM`),
  },
  {
    id: 'EEG',
    name: 'Eastern European Group',
    kind: 'un-regional',
    members: codes(
      'ALB ARM AZE BLR BIH BGR HRV CZE EST GEO HUN LVA LTU MNE POL MDA ROU RUS SRB SVK SVN MKD UKR',
    ),
  },
  {
    id: 'GRULAC',
    name: 'Latin American and Caribbean Group',
    kind: 'un-regional',
    members: codes(`
      ATG ARG BHS BRB BLZ BOL BRA CHL COL CRI CUB DMA DOM ECU SLV GRD GTM GUY HTI HND JAM MEX NIC PAN PRY PER KNA
      LCA VCT SUR TTO URY VEN`),
  },
  {
    // The United States is not a member of any regional group but attends WEOG and is counted in it for
    // electoral purposes, as Türkiye is (Türkiye also takes part in the Asia-Pacific Group).
    id: 'WEOG',
    name: 'Western European and Others Group',
    kind: 'un-regional',
    members: codes(
      'AND AUS AUT BEL CAN DNK FIN FRA DEU GRC ISL IRL ISR ITA LIE LUX MLT MCO NLD NZL NOR PRT SMR ESP SWE CHE TUR GBR USA',
    ),
  },
];

const byId = new Map<string, Group>(GROUPS.map((g) => [g.id, g]));

/** The group with this id, or undefined. */
export function groupById(id: string): Group | undefined {
  return byId.get(id);
}

/** The groups a delegation belongs to; the European Union itself belongs to (and speaks for) EU27. */
export function groupsOf(delegation: string): Group[] {
  return GROUPS.filter(
    (g) => g.members.includes(delegation as DelegationId) || (g.id === 'EU27' && delegation === 'EU'),
  );
}

/** Whether `delegation` may speak "on behalf of" `group`: only a member (or the EU for EU27) may. */
export function maySpeakFor(delegation: string, group: string): boolean {
  return groupsOf(delegation).some((g) => g.id === group);
}

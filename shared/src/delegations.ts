import countries from 'i18n-iso-countries';
import type { DelegationId } from './ids.ts';

/** A party at the table: a UN member state, an observer state, or a regional organisation (the EU). */
export interface Delegation {
  readonly id: DelegationId;
  /** The UN's English short name ("Russian Federation", "Iran (Islamic Republic of)"). */
  readonly name: string;
  readonly kind: 'member-state' | 'observer-state' | 'regional-organisation';
}

// ISO 3166-1 alpha-3 code | UN English short name, for the 193 member states (DL1).
const MEMBER_STATES = `
AFG|Afghanistan ALB|Albania DZA|Algeria AND|Andorra AGO|Angola ATG|Antigua and Barbuda ARG|Argentina ARM|Armenia
AUS|Australia AUT|Austria AZE|Azerbaijan BHS|Bahamas BHR|Bahrain BGD|Bangladesh BRB|Barbados BLR|Belarus
BEL|Belgium BLZ|Belize BEN|Benin BTN|Bhutan BOL|Bolivia (Plurinational State of) BIH|Bosnia and Herzegovina
BWA|Botswana BRA|Brazil BRN|Brunei Darussalam BGR|Bulgaria BFA|Burkina Faso BDI|Burundi CPV|Cabo Verde
KHM|Cambodia CMR|Cameroon CAN|Canada CAF|Central African Republic TCD|Chad CHL|Chile CHN|China COL|Colombia
COM|Comoros COG|Congo CRI|Costa Rica CIV|Côte d'Ivoire HRV|Croatia CUB|Cuba CYP|Cyprus CZE|Czechia
PRK|Democratic People's Republic of Korea COD|Democratic Republic of the Congo DNK|Denmark DJI|Djibouti
DMA|Dominica DOM|Dominican Republic ECU|Ecuador EGY|Egypt SLV|El Salvador GNQ|Equatorial Guinea ERI|Eritrea
EST|Estonia SWZ|Eswatini ETH|Ethiopia FJI|Fiji FIN|Finland FRA|France GAB|Gabon GMB|Gambia GEO|Georgia
DEU|Germany GHA|Ghana GRC|Greece GRD|Grenada GTM|Guatemala GIN|Guinea GNB|Guinea-Bissau GUY|Guyana HTI|Haiti
HND|Honduras HUN|Hungary ISL|Iceland IND|India IDN|Indonesia IRN|Iran (Islamic Republic of) IRQ|Iraq
IRL|Ireland ISR|Israel ITA|Italy JAM|Jamaica JPN|Japan JOR|Jordan KAZ|Kazakhstan KEN|Kenya KIR|Kiribati
KWT|Kuwait KGZ|Kyrgyzstan LAO|Lao People's Democratic Republic LVA|Latvia LBN|Lebanon LSO|Lesotho LBR|Liberia
LBY|Libya LIE|Liechtenstein LTU|Lithuania LUX|Luxembourg MDG|Madagascar MWI|Malawi MYS|Malaysia MDV|Maldives
MLI|Mali MLT|Malta MHL|Marshall Islands MRT|Mauritania MUS|Mauritius MEX|Mexico
FSM|Micronesia (Federated States of) MCO|Monaco MNG|Mongolia MNE|Montenegro MAR|Morocco MOZ|Mozambique
MMR|Myanmar NAM|Namibia NRU|Nauru NPL|Nepal NLD|Netherlands (Kingdom of the) NZL|New Zealand NIC|Nicaragua
NER|Niger NGA|Nigeria MKD|North Macedonia NOR|Norway OMN|Oman PAK|Pakistan PLW|Palau PAN|Panama
PNG|Papua New Guinea PRY|Paraguay PER|Peru PHL|Philippines POL|Poland PRT|Portugal QAT|Qatar
KOR|Republic of Korea MDA|Republic of Moldova ROU|Romania RUS|Russian Federation RWA|Rwanda
KNA|Saint Kitts and Nevis LCA|Saint Lucia VCT|Saint Vincent and the Grenadines WSM|Samoa SMR|San Marino
STP|Sao Tome and Principe SAU|Saudi Arabia SEN|Senegal SRB|Serbia SYC|Seychelles SLE|Sierra Leone
SGP|Singapore SVK|Slovakia SVN|Slovenia SLB|Solomon Islands SOM|Somalia ZAF|South Africa SSD|South Sudan
ESP|Spain LKA|Sri Lanka SDN|Sudan SUR|Suriname SWE|Sweden CHE|Switzerland SYR|Syrian Arab Republic
TJK|Tajikistan THA|Thailand TLS|Timor-Leste TGO|Togo TON|Tonga TTO|Trinidad and Tobago TUN|Tunisia
TUR|Türkiye TKM|Turkmenistan TUV|Tuvalu UGA|Uganda UKR|Ukraine ARE|United Arab Emirates
GBR|United Kingdom of Great Britain and Northern Ireland TZA|United Republic of Tanzania
USA|United States of America URY|Uruguay UZB|Uzbekistan VUT|Vanuatu VEN|Venezuela (Bolivarian Republic of)
VNM|Viet Nam YEM|Yemen ZMB|Zambia ZWE|Zimbabwe`;

function parseTable(table: string, kind: Delegation['kind']): Delegation[] {
  // Entries are "CODE|Name" and each name runs until the next " CODE|" or the end of the table.
  return [...table.replace(/\s+/g, ' ').matchAll(/([A-Z]{3})\|(.+?)(?= [A-Z]{3}\||$)/g)].map((m) => ({
    id: m[1] as DelegationId,
    name: m[2]!.trim(),
    kind,
  }));
}

/**
 * Every delegation that can sit at the table (DL1): the 193 UN member states, the two observer states and the
 * European Union, sorted by English name.
 */
export const DELEGATIONS: readonly Delegation[] = [
  ...parseTable(MEMBER_STATES, 'member-state'),
  ...parseTable('VAT|Holy See PSE|State of Palestine', 'observer-state'),
  { id: 'EU' as DelegationId, name: 'European Union', kind: 'regional-organisation' as const },
].sort((a, b) => a.name.localeCompare(b.name, 'en'));

const byId = new Map<string, Delegation>(DELEGATIONS.map((d) => [d.id, d]));

/** The delegation with this id (alpha-3 code or `EU`), or undefined. */
export function delegationById(id: string): Delegation | undefined {
  return byId.get(id);
}

/** Whether `id` names a known delegation. */
export function isDelegationId(id: string): id is DelegationId {
  return byId.has(id);
}

/**
 * The palette of delegation colours (DL2): each has a contrast of at least 4.5:1 against white, so a name or an
 * underline in it stays legible, and neighbours differ in hue and lightness for common colour blindness.
 */
export const DELEGATION_PALETTE = [
  '#aa1155', // crimson
  '#3333ee', // blue
  '#886600', // ochre
  '#bb33bb', // orchid
  '#667788', // slate
  '#555522', // olive
  '#8800bb', // violet
  '#005588', // petrol
  '#dd2255', // rose
] as const;

/**
 * A stable colour for a delegation: the same id always gets the same palette entry (DL2). With more delegations
 * than distinguishable colours some must share one; the hash seed is chosen so that the delegations of the
 * reference scenarios (Russian Federation, China, India, United States, European Union, Mexico, Iran,
 * Azerbaijan, Belarus) all differ (DL3).
 */
export function delegationColor(id: string): string {
  let hash = 3347;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return DELEGATION_PALETTE[(hash >>> 0) % DELEGATION_PALETTE.length]!;
}

/** Caret and swatch colour of people who sit for no delegation (chairs, convenors, most observers). */
export const NEUTRAL_COLOR = '#4a5563';

/** The six official languages of the United Nations. */
export const UN_LANGUAGES = ['en', 'fr', 'es', 'ru', 'zh', 'ar'] as const;
export type UnLanguage = (typeof UN_LANGUAGES)[number];

/** The English names of the six UN languages, as a masthead says "Original: English". */
export const UN_LANGUAGE_NAMES: Record<UnLanguage, string> = {
  en: 'English',
  fr: 'French',
  es: 'Spanish',
  ru: 'Russian',
  zh: 'Chinese',
  ar: 'Arabic',
};

/** The ISO 3166-1 alpha-2 code of a delegation ('EU' for the European Union), or undefined. */
export function delegationAlpha2(id: string): string | undefined {
  if (!byId.has(id)) return undefined;
  return id === 'EU' ? 'EU' : countries.alpha3ToAlpha2(id);
}

const displayNames = new Map<string, Intl.DisplayNames>();

/**
 * DL4: the name of a delegation in one of the six UN languages: the UN English short name for 'en', otherwise
 * the CLDR name of its region (through `Intl.DisplayNames`), falling back to English where the runtime has no
 * name. Undefined for an unknown delegation.
 */
export function delegationNameIn(id: string, language: UnLanguage): string | undefined {
  const delegation = byId.get(id);
  if (!delegation) return undefined;
  if (language === 'en') return delegation.name;
  const alpha2 = delegationAlpha2(id);
  let names = displayNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    displayNames.set(language, names);
  }
  return (alpha2 && names.of(alpha2)) || delegation.name;
}

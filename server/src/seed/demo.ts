import { DEMO_CONVENTION_TEXT, type DelegationId, type DocumentId, type Role } from '@travaux/shared';
import { type AccessControl, MAX_PEOPLE_LIMIT } from '../auth/access.ts';
import type { DocumentCatalog } from '../documents/catalog.ts';

/** One ready sign-in link of the demo negotiation. */
export interface DemoLink {
  readonly role: Role;
  readonly delegation: DelegationId | null;
  readonly label: string;
  readonly url: string;
}

/** The demo negotiation: its document and a sign-in link per seat. */
export interface Demo {
  readonly negotiationId: string;
  readonly documentId: DocumentId;
  /** True when this start created it (first start on an empty data directory). */
  readonly seeded: boolean;
  readonly links: readonly DemoLink[];
}

const DEMO_SETTING = 'demo.negotiation';
const DEMO_DOCUMENT_SETTING = 'demo.document';
/** Demo links stay valid for 90 days from the first start. */
const DEMO_HOURS = 90 * 24;

/** The seats the demo invites, besides its convenor. */
const DEMO_SEATS: readonly { role: Role; delegation: string | null; label: string }[] = [
  { role: 'chair', delegation: null, label: 'Chair' },
  { role: 'delegate', delegation: 'RUS', label: 'Delegate of the Russian Federation' },
  { role: 'delegate', delegation: 'CHN', label: 'Delegate of China' },
  { role: 'delegate', delegation: 'IND', label: 'Delegate of India' },
  { role: 'delegate', delegation: 'USA', label: 'Delegate of the United States of America' },
  { role: 'delegate', delegation: 'EU', label: 'Delegate of the European Union' },
  { role: 'delegate', delegation: 'MEX', label: 'Delegate of Mexico' },
  { role: 'observer', delegation: null, label: 'Observer' },
];

/**
 * Seeds the demo negotiation on a first start (a draft convention from `DEMO_CONVENTION_TEXT` and an
 * invitation per seat) and, on every start, returns its links (re-signed; unrevoked, unexpired invitations
 * only). Null when there is no demo and `seed` is false or other negotiations' documents already exist.
 */
export async function demoNegotiation(
  catalog: DocumentCatalog,
  access: AccessControl,
  seed: boolean,
): Promise<Demo | null> {
  const { roster } = access;
  let negotiationId = await roster.getSetting(DEMO_SETTING);
  let documentId = (await roster.getSetting(DEMO_DOCUMENT_SETTING)) as DocumentId | null;
  let seeded = false;
  if (!negotiationId || !documentId) {
    if (!seed || (await catalog.list()).length > 0) return null;
    const { negotiation } = await access.createNegotiation(
      'Ad Hoc Committee on the draft ICT crime convention (demo)',
    );
    const result = await catalog.create({ text: DEMO_CONVENTION_TEXT });
    if (!result.ok) {
      const { line, column, message } = result.error;
      throw new Error(`DEMO_CONVENTION_TEXT does not parse: line ${line}, column ${column}: ${message}`);
    }
    await roster.assignDocument(result.document.id, negotiation.id);
    for (const seat of DEMO_SEATS) {
      // A demo's links are passed around to try the room: each admits many people (real seats admit a few).
      await access.issueInvitation(
        negotiation.id,
        { ...seat, expiresInHours: DEMO_HOURS, maxPeople: MAX_PEOPLE_LIMIT },
        null,
      );
    }
    negotiationId = negotiation.id;
    documentId = result.document.id;
    await roster.setSetting(DEMO_SETTING, negotiationId);
    await roster.setSetting(DEMO_DOCUMENT_SETTING, documentId);
    seeded = true;
  }
  const now = Date.now();
  const links: DemoLink[] = [];
  for (const invitation of await roster.listInvitations(negotiationId)) {
    if (invitation.revokedAt || Date.parse(invitation.expiresAt) <= now) continue;
    const { url } = await access.linkFor(invitation);
    links.push({
      role: invitation.role,
      delegation: invitation.delegation,
      label: invitation.label ?? invitation.role,
      url,
    });
  }
  return { negotiationId, documentId, seeded, links };
}

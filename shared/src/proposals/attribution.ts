import { delegationById } from '../delegations.ts';
import type { DelegationId } from '../ids.ts';
import type { Position, ProposalRecord } from './model.ts';

/** The name a delegation goes by in attribution lines; the Chair for proposals without a delegation. */
export function proposerName(delegation: DelegationId | null): string {
  return delegation === null ? 'the Chair' : (delegationById(delegation)?.name ?? delegation);
}

function list(names: readonly string[]): string {
  return names.join(', ');
}

/**
 * PR10: the attribution formula of a proposal as a UN compilation prints it: "Russian Federation (co-sponsored by
 * Belarus), supported by Iran (Islamic Republic of), Azerbaijan; opposed by European Union, United States of
 * America". Delegations are listed in the order they took their position.
 */
export function attributionLine(
  record: ProposalRecord,
  positions: ReadonlyMap<DelegationId, Position>,
): string {
  const ordered = [...positions.entries()].sort(
    (a, b) => a[1].at.localeCompare(b[1].at) || a[0].localeCompare(b[0]),
  );
  const names = (stance: Position['stance']) =>
    ordered.filter(([, p]) => p.stance === stance).map(([delegation]) => proposerName(delegation));
  const cosponsors = names('cosponsor');
  const supporters = names('support');
  const opponents = names('oppose');
  let line = proposerName(record.delegation);
  if (record.delegation === null) line = 'The Chair';
  if (cosponsors.length > 0) line += ` (co-sponsored by ${list(cosponsors)})`;
  if (supporters.length > 0) line += `, supported by ${list(supporters)}`;
  if (opponents.length > 0) line += `; opposed by ${list(opponents)}`;
  return line;
}

import type { Role } from '../../api/session.ts';
import { delegationName } from '../presence/room-user.ts';

const ROLE_NAMES: Record<Role, string> = {
  convenor: 'Convenor',
  chair: 'Chair',
  delegate: 'Delegate',
  observer: 'Observer',
};

/** "Chair", "Observer"... */
export function roleName(role: Role): string {
  return ROLE_NAMES[role];
}

/** How a person's seat reads: "Delegate of China", "Observer (Holy See)", "Chair". */
export function seatDescription(role: Role, delegation: string | null): string {
  if (role === 'delegate' && delegation) return `Delegate of ${delegationName(delegation)}`;
  if (delegation) return `${ROLE_NAMES[role]} (${delegationName(delegation)})`;
  return ROLE_NAMES[role];
}

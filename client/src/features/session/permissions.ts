import { Action, can, type Role } from '@travaux/shared';

/** Whether the role may change the treaty text (AC2: chairs and delegates; the server enforces it). */
export function mayEditText(role: Role): boolean {
  return can(role, Action.writeText);
}

/** Whether the role may create documents in the negotiation (AC2: convenor and chair). */
export function mayCreateDocuments(role: Role): boolean {
  return can(role, Action.createDocument);
}

import { CloseCode } from '@travaux/shared';
import type { ConnectionPhase, Refusal } from '../../sync/connection-state.ts';

/** The exact text of the status indicator; the end-to-end tests match these strings. */
export function connectionLabel(
  phase: ConnectionPhase,
  unsynced: number,
  refusal: Refusal | null = null,
): string {
  switch (phase) {
    case 'connected':
      return 'Connected';
    case 'connecting':
      return 'Connecting…';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'offline':
      return `Offline — ${unsynced} unsynced ${unsynced === 1 ? 'change' : 'changes'}`;
    case 'refused':
      return refusalLabel(refusal);
  }
}

/** Why the server ended the connection for good, in words. */
export function refusalLabel(refusal: Refusal | null): string {
  switch (refusal?.code) {
    case CloseCode.Unauthorized:
      return 'Disconnected — your access was revoked or has expired';
    case CloseCode.Forbidden:
      return 'Disconnected — this document belongs to another negotiation';
    case CloseCode.ClientIdTaken:
      return 'Disconnected — the server refused an edit signed with someone else’s identity';
    case CloseCode.DocumentNotFound:
      return 'Disconnected — the document no longer exists';
    case CloseCode.PresenceTooLarge:
      return 'Disconnected — this page sent the server a presence too large to share';
    default:
      return `Disconnected — ${refusal?.reason || 'refused by the server'}`;
  }
}

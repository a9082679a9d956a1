import type { ConnectionPhase } from '../../sync/connection-state.ts';

/** The exact text of the status indicator; the end-to-end tests match these strings. */
export function connectionLabel(phase: ConnectionPhase, unsynced: number): string {
  switch (phase) {
    case 'connected':
      return 'Connected';
    case 'connecting':
      return 'Connecting…';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'offline':
      return `Offline — ${unsynced} unsynced ${unsynced === 1 ? 'change' : 'changes'}`;
  }
}

import * as Y from 'yjs';

/** How many updates one `Y.mergeUpdates` call takes at most (see `mergeAll`). */
const FAN_IN = 16;

/**
 * `Y.mergeUpdates` of any number of updates in time about linear in their total size. Yjs re-sorts all the
 * updates it merges once per run of structs it writes, so one call on n small updates costs about n²: a burst
 * of a few thousand keystrokes in one event-loop turn took hundreds of milliseconds to merge, and the longer
 * the commit, the larger the next batch. Merging at most FAN_IN at a time, level by level, keeps each sort
 * short; the result holds the same structs and deletions.
 */
export function mergeAll(updates: readonly Uint8Array[]): Uint8Array {
  if (updates.length === 1) return updates[0]!;
  let level = updates as Uint8Array[];
  while (level.length > FAN_IN) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += FAN_IN) next.push(Y.mergeUpdates(level.slice(i, i + FAN_IN)));
    level = next;
  }
  return Y.mergeUpdates(level);
}

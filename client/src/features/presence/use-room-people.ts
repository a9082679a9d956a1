import { useMemo, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { afterNextPaint } from '../../app/after-next-paint.ts';
import { type RoomPerson, roomPeople, samePeople } from './room-user.ts';

/**
 * The people in the room, re-read after the next paint once an awareness state was added, changed or removed,
 * and a new list only when it shows something else: carets move many times a second, and every React commit
 * while the editor has focus walks the whole editor's DOM (React measures the selection in a focused
 * contenteditable).
 */
export function useRoomPeople(awareness: Awareness): RoomPerson[] {
  const store = useMemo(() => {
    let people = roomPeople(awareness.getStates(), awareness.clientID);
    return {
      subscribe(onChange: () => void) {
        let cancel: (() => void) | null = null;
        const refresh = () => {
          cancel = null;
          const next = roomPeople(awareness.getStates(), awareness.clientID);
          if (samePeople(people, next)) return;
          people = next;
          onChange();
        };
        const changed = () => {
          cancel ??= afterNextPaint(refresh);
        };
        awareness.on('change', changed);
        // What changed before React subscribed.
        changed();
        return () => {
          cancel?.();
          awareness.off('change', changed);
        };
      },
      get: () => people,
    };
  }, [awareness]);
  return useSyncExternalStore(store.subscribe, store.get);
}

import { useMemo, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { type RoomPerson, roomPeople, samePeople } from './room-user.ts';

/**
 * The people in the room, re-read whenever an awareness state is added, changed or removed, and a new list
 * only when it shows something else: peers' carets move many times a second, and every React commit while the
 * editor has focus walks the whole editor's DOM (React measures the selection in a focused contenteditable).
 */
export function useRoomPeople(awareness: Awareness): RoomPerson[] {
  const store = useMemo(() => {
    let people = roomPeople(awareness.getStates(), awareness.clientID);
    return {
      subscribe(onChange: () => void) {
        const refresh = () => {
          const next = roomPeople(awareness.getStates(), awareness.clientID);
          if (samePeople(people, next)) return;
          people = next;
          onChange();
        };
        awareness.on('change', refresh);
        return () => awareness.off('change', refresh);
      },
      get: () => people,
    };
  }, [awareness]);
  return useSyncExternalStore(store.subscribe, store.get);
}

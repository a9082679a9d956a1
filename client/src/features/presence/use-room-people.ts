import { useMemo, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { type RoomPerson, roomPeople } from './room-user.ts';

/** The people in the room, re-read whenever an awareness state is added, changed or removed. */
export function useRoomPeople(awareness: Awareness): RoomPerson[] {
  const store = useMemo(() => {
    let people = roomPeople(awareness.getStates(), awareness.clientID);
    return {
      subscribe(onChange: () => void) {
        const refresh = () => {
          people = roomPeople(awareness.getStates(), awareness.clientID);
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

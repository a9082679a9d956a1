import type { Awareness } from 'y-protocols/awareness';
import type { FlushScheduler } from '../../app/after-next-paint.ts';

/**
 * The awareness given to the editor's cursor plugin: one's own caret is published once, when `schedule` says
 * (after the next paint in the editor), instead of inside every keystroke. Publishing encodes and sends the
 * presence and runs every listener of the awareness (the remote carets, the "In the room" list), all before
 * the keystroke's frame. Clearing a field (the editor lost focus or is destroyed) is published at once and drops
 * what was waiting. Everything else is the awareness itself.
 */
export function deferredCursorAwareness(awareness: Awareness, schedule: FlushScheduler): Awareness {
  const pending = new Map<string, unknown>();
  let cancel: (() => void) | null = null;
  const flush = () => {
    cancel = null;
    const fields = [...pending];
    pending.clear();
    for (const [field, value] of fields) awareness.setLocalStateField(field, value);
  };
  const setLocalStateField = (field: string, value: unknown) => {
    if (value === null) {
      pending.delete(field);
      if (pending.size === 0) {
        cancel?.();
        cancel = null;
      }
      awareness.setLocalStateField(field, null);
      return;
    }
    pending.set(field, value);
    cancel ??= schedule(flush);
  };
  // What the plugin compares its caret with: the state as it will be once published.
  const getLocalState = () => {
    const state = awareness.getLocalState();
    return state && pending.size > 0 ? { ...state, ...Object.fromEntries(pending) } : state;
  };
  return new Proxy(awareness, {
    get(target, property) {
      if (property === 'setLocalStateField') return setLocalStateField;
      if (property === 'getLocalState') return getLocalState;
      return Reflect.get(target, property, target);
    },
  });
}

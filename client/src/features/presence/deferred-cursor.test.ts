import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { deferredCursorAwareness } from './deferred-cursor.ts';

/** A scheduler fired by hand, and an awareness that counts what it published. */
function setup() {
  const awareness = new Awareness(new Y.Doc());
  awareness.setLocalStateField('user', { name: 'Ana' });
  let due: (() => void) | null = null;
  const deferred = deferredCursorAwareness(awareness, (flush) => {
    due = flush;
    return () => {
      due = null;
    };
  });
  let published = 0;
  awareness.on('update', () => published++);
  return {
    awareness,
    deferred,
    fire: () => due?.(),
    scheduled: () => due !== null,
    published: () => published,
  };
}

describe('the caret published after the paint', () => {
  it('publishes the last of several caret moves once, when the scheduler fires', () => {
    const { awareness, deferred, fire, published } = setup();
    deferred.setLocalStateField('cursor', { anchor: 1, head: 1 });
    deferred.setLocalStateField('cursor', { anchor: 2, head: 2 });
    expect(published()).toBe(0);
    expect(awareness.getLocalState()?.cursor).toBeUndefined();
    // The plugin compares its caret with what it set, not with what is published yet.
    expect(deferred.getLocalState()?.cursor).toEqual({ anchor: 2, head: 2 });
    expect(deferred.getLocalState()?.user).toEqual({ name: 'Ana' });
    fire();
    expect(published()).toBe(1);
    expect(awareness.getLocalState()?.cursor).toEqual({ anchor: 2, head: 2 });
  });

  it('clears a caret at once and drops the move that was waiting', () => {
    const { awareness, deferred, scheduled, published } = setup();
    deferred.setLocalStateField('cursor', { anchor: 1, head: 1 });
    expect(scheduled()).toBe(true);
    deferred.setLocalStateField('cursor', null);
    expect(scheduled()).toBe(false);
    expect(published()).toBe(1);
    expect(awareness.getLocalState()?.cursor).toBeNull();
  });

  it('is the awareness itself for everything else', () => {
    const { awareness, deferred } = setup();
    expect(deferred.clientID).toBe(awareness.clientID);
    expect(deferred.getStates()).toBe(awareness.getStates());
    let changes = 0;
    const listener = () => changes++;
    deferred.on('change', listener);
    awareness.setLocalStateField('user', { name: 'Ivan' });
    deferred.off('change', listener);
    awareness.setLocalStateField('user', { name: 'Olga' });
    expect(changes).toBe(1);
  });
});

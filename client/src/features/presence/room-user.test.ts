import { describe, expect, it } from 'vitest';
import { roomPeople, roomUserFor, samePeople } from './room-user.ts';

const chair = { user: roomUserFor('Ana', '', 'chair') };
const russia = { user: roomUserFor('Ivan', 'RUS') };

/** The list as client `self` sees it, the awareness states under client ids 1, 2, 3… in order. */
const seenBy = (self: number, ...states: unknown[]) =>
  roomPeople(new Map(states.map((state, i) => [i + 1, state])), self);

describe('the "In the room" list', () => {
  it('is the same list when only a caret moved', () => {
    const before = seenBy(1, { ...chair, cursor: { anchor: 1 } }, russia);
    const after = seenBy(1, { ...chair, cursor: { anchor: 9 } }, russia);
    expect(after).not.toBe(before);
    expect(samePeople(before, after)).toBe(true);
  });

  it('is another list when someone comes, goes or is shown differently', () => {
    const two = seenBy(1, chair, russia);
    expect(samePeople(two, seenBy(1, chair))).toBe(false);
    expect(samePeople(two, seenBy(1, chair, russia, russia))).toBe(false);
    expect(samePeople(two, seenBy(1, chair, { user: roomUserFor('Olga', 'RUS') }))).toBe(false);
    // The same people seen from the other client: who is "you" changed.
    expect(samePeople(two, seenBy(2, chair, russia))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { roomPeople, roomUserFor, samePeople } from './room-user.ts';

const states = (entries: [number, unknown][]) => new Map<number, unknown>(entries);
const chair = { user: roomUserFor('Ana', '', 'chair') };
const russia = { user: roomUserFor('Ivan', 'RUS') };

describe('the "In the room" list', () => {
  it('is the same list when only a caret moved', () => {
    const before = roomPeople(
      states([
        [1, { ...chair, cursor: { anchor: 1 } }],
        [2, russia],
      ]),
      1,
    );
    const after = roomPeople(
      states([
        [1, { ...chair, cursor: { anchor: 9 } }],
        [2, russia],
      ]),
      1,
    );
    expect(after).not.toBe(before);
    expect(samePeople(before, after)).toBe(true);
  });

  it('is another list when someone comes, goes or is shown differently', () => {
    const two = roomPeople(
      states([
        [1, chair],
        [2, russia],
      ]),
      1,
    );
    expect(samePeople(two, roomPeople(states([[1, chair]]), 1))).toBe(false);
    expect(
      samePeople(
        two,
        roomPeople(
          states([
            [1, chair],
            [2, russia],
            [3, russia],
          ]),
          1,
        ),
      ),
    ).toBe(false);
    const renamed = { user: roomUserFor('Olga', 'RUS') };
    expect(
      samePeople(
        two,
        roomPeople(
          states([
            [1, chair],
            [2, renamed],
          ]),
          1,
        ),
      ),
    ).toBe(false);
    // The same people seen from the other client: who is "you" changed.
    expect(
      samePeople(
        two,
        roomPeople(
          states([
            [1, chair],
            [2, russia],
          ]),
          2,
        ),
      ),
    ).toBe(false);
  });
});

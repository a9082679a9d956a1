import type { DocumentId } from '@travaux/shared';
import { describe, expect, it } from 'vitest';
import type { Broadcast } from './fanout.ts';
import { InProcessFanout } from './in-process-fanout.ts';

const a = 'doc-a' as DocumentId;
const b = 'doc-b' as DocumentId;
const awareness = (n: number): Broadcast => ({
  kind: 'awareness',
  origin: null,
  update: new Uint8Array([n]),
});

describe('InProcessFanout', () => {
  it('delivers each document its own broadcasts, in publish order', () => {
    const fanout = new InProcessFanout();
    const seenA: Broadcast[] = [];
    const seenB: Broadcast[] = [];
    fanout.subscribe(a, (message) => seenA.push(message));
    fanout.subscribe(b, (message) => seenB.push(message));
    fanout.publish(a, awareness(1));
    fanout.publish(b, awareness(2));
    fanout.publish(a, awareness(3));
    expect(seenA).toEqual([awareness(1), awareness(3)]);
    expect(seenB).toEqual([awareness(2)]);
  });

  it('lets a listener unsubscribe while a broadcast is delivered, and unsubscribing twice is harmless', () => {
    const fanout = new InProcessFanout();
    const seen: string[] = [];
    const first = fanout.subscribe(a, () => {
      seen.push('first');
      first();
    });
    const second = fanout.subscribe(a, () => seen.push('second'));
    fanout.publish(a, awareness(1));
    fanout.publish(a, awareness(2));
    expect(seen).toEqual(['first', 'second', 'second']);
    first();
    second();
    second();
    expect(fanout.subscribedDocuments).toBe(0);
    fanout.publish(a, awareness(3));
    expect(seen).toHaveLength(3);
  });
});

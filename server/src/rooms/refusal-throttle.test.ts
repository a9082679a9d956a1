import { describe, expect, it } from 'vitest';
import { RefusalThrottle } from './refusal-throttle.ts';

describe('RefusalThrottle', () => {
  it('SH1: blocks a person after repeated refusals, with a backoff that doubles, and leaves others alone', () => {
    let now = 0;
    const throttle = new RefusalThrottle(
      { allowed: 3, windowMs: 60_000, baseBackoffMs: 2_000, maxBackoffMs: 300_000 },
      () => now,
    );
    for (let i = 0; i < 3; i++) throttle.refused('mallory');
    expect(throttle.blockedFor('mallory')).toBe(0);
    throttle.refused('mallory');
    expect(throttle.blockedFor('mallory')).toBe(2_000);
    expect(throttle.blockedFor('anna')).toBe(0);
    now += 2_000;
    expect(throttle.blockedFor('mallory')).toBe(0);
    for (let i = 0; i < 4; i++) throttle.refused('mallory');
    expect(throttle.blockedFor('mallory')).toBe(4_000);
  });

  it('SH1: refusals spread wider than the window do not block', () => {
    let now = 0;
    const throttle = new RefusalThrottle(undefined, () => now);
    for (let i = 0; i < 10; i++) {
      throttle.refused('anna');
      now += 30_000;
    }
    expect(throttle.blockedFor('anna')).toBe(0);
  });

  it('SH9: holds a refused reconnect at most holdMs and never past the block, and only maxHeld at once', async () => {
    const throttle = new RefusalThrottle();
    let started = performance.now();
    await throttle.hold(30, 1000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect(performance.now() - started).toBeLessThan(500);
    started = performance.now();
    await throttle.hold(10_000, 40);
    expect(performance.now() - started).toBeLessThan(500);
    const first = throttle.hold(300, 300, 1);
    started = performance.now();
    await throttle.hold(300, 300, 1);
    expect(performance.now() - started).toBeLessThan(100);
    await first;
  });
});

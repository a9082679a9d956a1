import { describe, expect, it } from 'vitest';
import { type Admitted, CommitQueue } from './commit-queue.ts';
import type { Author } from './guard.ts';

const author = { personId: 'p', delegation: null, role: 'chair', canWrite: true } as unknown as Author;
const entry = (n: number): Admitted => ({
  origin: 'c',
  update: new Uint8Array([n]),
  author,
  clients: [],
  fresh: [],
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A queue whose commits record their batches (as the numbers of their updates) and when they started. */
function recording(spacingMs: number) {
  const batches: number[][] = [];
  const starts: number[] = [];
  const queue = new CommitQueue(async (batch) => {
    starts.push(performance.now());
    batches.push(batch.map((e) => e.update[0]!));
  }, spacingMs);
  return { queue, batches, starts };
}

describe('CommitQueue', () => {
  it('commits what arrives in one turn as one batch, in order, in the next turn', async () => {
    const { queue, batches } = recording(0);
    queue.add(entry(1));
    queue.add(entry(2));
    expect(batches).toEqual([]);
    await turn();
    await turn();
    expect(batches).toEqual([[1, 2]]);
  });

  it('commits an update that comes long after the last commit at once, without waiting for the spacing', async () => {
    const { queue, batches } = recording(20);
    queue.add(entry(1));
    await sleep(30);
    queue.add(entry(2));
    await turn();
    await turn();
    expect(batches).toEqual([[1], [2]]);
  });

  it('gathers updates that arrive within the spacing after a commit into one batch, started a spacing later', async () => {
    // A wide spacing, so that a loaded machine's slow turns stay well inside it.
    const { queue, batches, starts } = recording(200);
    queue.add(entry(1));
    await turn();
    await turn();
    for (let n = 2; n <= 5; n++) {
      queue.add(entry(n));
      await sleep(2);
    }
    expect(batches).toEqual([[1]]);
    await sleep(250);
    expect(batches).toEqual([[1], [2, 3, 4, 5]]);
    // Node's timers run on the event loop's cached clock, up to a millisecond or two ahead of performance.now().
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(195);
  });

  it('flush commits at once, spacing or not, and stop cancels the wait', async () => {
    const { queue, batches } = recording(1000);
    queue.add(entry(1));
    await queue.flush();
    queue.add(entry(2));
    queue.stop();
    await sleep(5);
    expect(batches).toEqual([[1]]);
    await queue.flush();
    expect(batches).toEqual([[1], [2]]);
  });
});

import { describe, expect, it } from 'vitest';
import { allocatorOf, describeAllocator } from './allocator.ts';

const MAPS = `55d0c0000000-55d0c1000000 r-xp 00000000 08:01 123 /usr/bin/node
7f0000000000-7f0000100000 r-xp 00000000 08:01 456 /usr/lib/x86_64-linux-gnu/libc.so.6
`;

describe('describeAllocator', () => {
  it('names jemalloc with its file when it is mapped into the process', () => {
    const maps = `${MAPS}7f1000000000-7f1000080000 r-xp 00000000 08:01 789 /usr/lib/x86_64-linux-gnu/libjemalloc.so.2\n`;
    expect(describeAllocator(maps, '1')).toBe('jemalloc (/usr/lib/x86_64-linux-gnu/libjemalloc.so.2)');
  });

  it("names the system malloc and its arena setting otherwise, and says so when /proc can't tell", () => {
    expect(describeAllocator(MAPS, '1')).toBe('system malloc (MALLOC_ARENA_MAX=1)');
    expect(describeAllocator(MAPS, undefined)).toBe('system malloc (MALLOC_ARENA_MAX=unset)');
    expect(describeAllocator('', undefined)).toBe('unknown');
  });

  it('reads this process (the test runner, started without the launcher)', () => {
    expect(allocatorOf()).toMatch(/^system malloc \(MALLOC_ARENA_MAX=/);
  });
});

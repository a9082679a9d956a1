import { readFileSync } from 'node:fs';

/**
 * Which malloc a process runs on, read from its memory maps (Linux's `/proc/<pid>/maps`) and environment: what
 * `bin/serve.sh` chose, for the startup log and the benchmark's report. jemalloc when its library is mapped
 * (preloaded); otherwise the C library's malloc with its arena setting; `unknown` without /proc.
 */
export function describeAllocator(maps: string, arenaMax: string | undefined): string {
  const jemalloc = maps.match(/\s(\/\S*libjemalloc\S*)$/m)?.[1];
  if (jemalloc) return `jemalloc (${jemalloc})`;
  if (maps === '') return 'unknown';
  return `system malloc (MALLOC_ARENA_MAX=${arenaMax ?? 'unset'})`;
}

/** `describeAllocator` for the process `pid` (this one by default). */
export function allocatorOf(pid: number | 'self' = 'self'): string {
  const read = (file: string) => {
    try {
      return readFileSync(`/proc/${pid}/${file}`, 'utf8');
    } catch {
      return '';
    }
  };
  const arenaMax =
    pid === 'self'
      ? process.env.MALLOC_ARENA_MAX
      : read('environ')
          .split('\0')
          .find((entry) => entry.startsWith('MALLOC_ARENA_MAX='))
          ?.slice('MALLOC_ARENA_MAX='.length);
  return describeAllocator(read('maps'), arenaMax);
}

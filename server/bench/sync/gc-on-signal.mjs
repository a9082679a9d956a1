// Preloaded into every benchmarked server (`node --expose-gc --import ...`): SIGUSR2 runs a full collection,
// so that memory is read after garbage is freed, the same way for each server, and writes the heap in use
// then to `<tmpdir>/travaux-bench-mem-<pid>.json` (RSS alone mixes in allocator and heap reserves).
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.on('SIGUSR2', () => {
  globalThis.gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  writeFileSync(join(tmpdir(), `travaux-bench-mem-${process.pid}.json`), JSON.stringify({ heapUsed, rss }));
});

// Preloaded into every benchmarked server (`node --expose-gc --import ...`): SIGUSR2 runs a full collection,
// so that memory is read after garbage is freed, the same way for each server, and writes the process's memory
// then to `<tmpdir>/travaux-bench-mem-<pid>.json` (RSS alone mixes in allocator and heap reserves).
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.on('SIGUSR2', () => {
  globalThis.gc?.();
  // A second collection a moment later: V8 shrinks its young generation after a collection that finds the
  // allocation rate low, and the first one is what measures that rate after an idle spell.
  setTimeout(() => {
    globalThis.gc?.();
    const file = join(tmpdir(), `travaux-bench-mem-${process.pid}.json`);
    writeFileSync(file, JSON.stringify(process.memoryUsage()));
  }, 200).unref();
});

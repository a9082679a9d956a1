import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The reference servers the benchmark compares with, installed on demand outside the workspace (so `npm test`
 * never depends on them): `@y/websocket-server` 0.1.1 (the last release on yjs 13) and `@hocuspocus/server`
 * 4.7.0, each with its own client library.
 */
export const REFERENCE_PACKAGES = [
  '@y/websocket-server@0.1.1',
  '@hocuspocus/server@4.7.0',
  '@hocuspocus/provider@4.7.0',
  'yjs@13.6.33',
  'y-protocols@1.0.7',
  'ws@8.18.3',
];

const HOCUSPOCUS_RUNNER = `import { Server } from '@hocuspocus/server';
const server = new Server({ port: Number(process.env.PORT), address: '127.0.0.1', quiet: true });
await server.listen();
console.log('listening');
`;

/** Installs the references into a cache directory once; returns it. */
export function ensureReferences(
  dir = process.env.TRAVAUX_BENCH_REFS ?? join(tmpdir(), 'travaux-bench-refs'),
): string {
  const marker = join(dir, 'installed.txt');
  if (!existsSync(marker)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      '{"name":"travaux-bench-refs","private":true,"type":"module"}\n',
    );
    process.stdout.write(`Installing the reference servers into ${dir}…\n`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', ...REFERENCE_PACKAGES], {
      cwd: dir,
      stdio: 'inherit',
    });
    writeFileSync(marker, `${REFERENCE_PACKAGES.join('\n')}\n`);
  }
  writeFileSync(join(dir, 'hocuspocus.mjs'), HOCUSPOCUS_RUNNER);
  return dir;
}

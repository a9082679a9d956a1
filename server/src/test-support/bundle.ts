import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE, bundleServer } from '../../build/bundle.ts';

let built: Promise<string> | null = null;

/**
 * The server as `npm start` runs it (the esbuild bundle), built once per test file beside the real one (the
 * external dependencies resolve from the server's directory). Tests that spawn the server run this file, so
 * the crash, restart and shutdown cases cover what is deployed.
 */
export function productionBundle(): Promise<string> {
  built ??= bundleServer(join(BUNDLE, '..', `main-test-${process.pid}.js`));
  return built;
}

/** Removes this test file's bundle and its source map. */
export async function removeProductionBundle(): Promise<void> {
  if (!built) return;
  const file = await built;
  built = null;
  rmSync(file, { force: true });
  rmSync(`${file}.map`, { force: true });
}

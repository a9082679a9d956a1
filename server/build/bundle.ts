import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The server package's directory. */
export const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where `npm start` runs the server from (`node --enable-source-maps server/dist/main.js`). */
export const BUNDLE = join(SERVER_DIR, 'dist', 'main.js');

/**
 * Bundles the server and `@travaux/shared` into one ES module, as `npm start` runs it. The server's own npm
 * dependencies stay outside (native better-sqlite3, and one copy of yjs for the server's code and the domain's);
 * the domain's other dependencies are bundled, since Node would not find them from the server's directory.
 *
 * Why not run the sources through tsx, as tests and development do: tsx compiles with esbuild's `keepNames`,
 * which wraps every function expression in a call that redefines its `name` each time the expression runs. The
 * update check creates a dozen closures per update, and those calls were about a tenth of the server's CPU per
 * edit in the throughput benchmark. `sources` may be another checkout's `src/` (the benchmarks' A/B runs). Any
 * output goes beside `BUNDLE`, in server/dist/: Node finds the external dependencies from there, and the server
 * its default client build two levels up, as from server/src/ (`DEFAULT_CLIENT_DIR`).
 */
export async function bundleServer(outfile = BUNDLE, sources = join(SERVER_DIR, 'src')): Promise<string> {
  const manifest = JSON.parse(readFileSync(join(SERVER_DIR, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  await build({
    entryPoints: [join(sources, 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    external: Object.keys(manifest.dependencies).filter((name) => name !== '@travaux/shared'),
    sourcemap: true,
    // Bundled CommonJS dependencies of the domain call `require`, which an ES module lacks.
    banner: {
      js: "import { createRequire as __travauxRequire } from 'node:module'; const require = __travauxRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outfile = await bundleServer();
  process.stdout.write(`bundled the server into ${outfile}\n`);
}

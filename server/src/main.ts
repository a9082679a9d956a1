import { allocatorOf } from './allocator.ts';
import { ConfigError, readConfig, type ServerConfig } from './config.ts';
import { startServer } from './server.ts';

/** How long a signal-triggered shutdown may take, after the drain (`TRAVAUX_DRAIN_MS`), before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 5000;

let config: ServerConfig;
try {
  config = readConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`Invalid configuration: ${error.message}\n`);
  process.exit(1);
}

const server = await startServer(config);
// Exactly this line, once: scripts and tests read the real port from it (PORT=0).
process.stdout.write(`Travaux listening on ${server.url}\n`);
// What bin/serve.sh (npm start) chose: operators see at once whether jemalloc is in use (README, Configuration).
process.stdout.write(`Memory allocator: ${allocatorOf()}\n`);
if (server.demo) {
  const { demo } = server;
  const lines = [
    demo.seeded
      ? 'Demo negotiation seeded. Sign-in links (open each in its own browser or profile):'
      : 'Demo negotiation sign-in links:',
    ...demo.links.map((link) => `  ${link.label.padEnd(44)} ${link.url}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: flushing and stopping\n`);
    setTimeout(() => {
      process.stderr.write('shutdown timed out; exiting\n');
      process.exit(1);
    }, config.drainMs + SHUTDOWN_TIMEOUT_MS).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  });
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../log.ts';
import { type RunningServer, startServer } from '../server.ts';
import { newNegotiation, signIn, type TestSession } from './roster.ts';

/** A real server in a fresh data directory with one negotiation and its chair signed in. */
export interface Harness {
  readonly dir: string;
  readonly server: RunningServer;
  readonly negotiation: string;
  readonly chair: TestSession;
}

/** Starts the integration tests' usual world; the caller closes the server and removes `dir`. */
export async function startHarness(name: string): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), `travaux-${name}-`));
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    seedDemo: false,
    logger: silentLogger,
  });
  const negotiation = await newNegotiation(server.access);
  const chair = await signIn(server.access, negotiation, 'chair', null, 'Chair');
  return { dir, server, negotiation, chair };
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { silentLogger } from '../log.ts';
import { DATABASE_FILE, type RunningServer, startServer } from '../server.ts';
import { connectClient, type SyncClient } from './clients.ts';
import { newNegotiation, signIn, type TestSession } from './roster.ts';

/** A real server in a fresh data directory with one negotiation and its chair signed in. */
export interface Harness {
  readonly dir: string;
  readonly server: RunningServer;
  readonly negotiation: string;
  readonly chair: TestSession;
}

/** Starts the integration tests' usual world; the caller closes the server and removes `dir`. */
export async function startHarness(name: string, options: { checkShape?: boolean } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), `travaux-${name}-`));
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    seedDemo: false,
    logger: silentLogger,
    ...options,
  });
  const negotiation = await newNegotiation(server.access);
  const chair = await signIn(server.access, negotiation, 'chair', null, 'Chair');
  return { dir, server, negotiation, chair };
}

/** Creates a document from the plain-text treaty `text` as `session` (a chair) and returns its id. */
export async function createDocumentAs(
  server: RunningServer,
  session: TestSession,
  text: string,
): Promise<string> {
  const response = await fetch(`${server.url}/api/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
    body: JSON.stringify({ text }),
  });
  if (response.status !== 201) throw new Error(`creating the document answered ${response.status}`);
  return ((await response.json()) as { document: { id: string } }).document.id;
}

/** A synced client that records how its connection was closed (4422 refusals and the like). */
export type WatchedClient = SyncClient & { closes: { code: number; reason: string }[] };

/** Connects `session` to `documentId`, waits for the first sync, and adds the client to `clients` to destroy. */
export async function enterAs(
  server: RunningServer,
  documentId: string,
  session: TestSession,
  clients: SyncClient[],
): Promise<WatchedClient> {
  const client = connectClient(server.url, documentId, session.token);
  clients.push(client);
  const closes: { code: number; reason: string }[] = [];
  client.provider.on('closed', (event: { code: number; reason: string }) => closes.push(event));
  await client.synced();
  return Object.assign(client, { closes });
}

/**
 * The update log of `documentId` in the store of data directory `dir`, read from the SQLite file (sequence numbers
 * and bytes), to assert that a refused update left the store byte-identical.
 */
export function storedLog(dir: string, documentId: string): string {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
  try {
    const rows = db
      .prepare('SELECT seq, data FROM updates WHERE document_id = ? ORDER BY seq')
      .all(documentId) as { seq: number; data: Buffer }[];
    return rows.map((row) => `${row.seq}:${row.data.toString('hex')}`).join(',');
  } finally {
    db.close();
  }
}

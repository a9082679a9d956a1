import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { Logger } from '../log.ts';

/** SQLite's own setting, restored whenever the worker is not there to checkpoint. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

/**
 * The worker: its own connection to the same file, a passive checkpoint every `intervalMs` (it copies what the
 * WAL holds into the database and syncs it, without ever waiting for or blocking a writer), and a last one when
 * told to stop. CommonJS evaluated in the worker, the driver required by absolute path.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)');
const timer = setInterval(() => {
  try { checkpoint(); } catch (error) { parentPort.postMessage({ kind: 'failed', message: String(error) }); }
}, workerData.intervalMs);
parentPort.postMessage({ kind: 'ready' });
parentPort.once('message', () => {
  clearInterval(timer);
  try { checkpoint(); } catch {}
  db.close();
  parentPort.close();
});
`;

/** Stops the checkpoints: a last one, then the worker exits and `db` checkpoints by itself again. */
export interface WalCheckpoints {
  close(): Promise<void>;
}

/**
 * Moves SQLite's WAL checkpoints off the event loop. By default the connection that commits runs one inside the
 * commit that takes the WAL past 1,000 pages: copying those pages and syncing the database file took up to
 * 10 ms on this machine, once every few hundred commits, and every edit waiting behind it was late for every
 * reader (issue 7's fan-out p99). Here a worker thread checkpoints every `intervalMs` and `db`'s own
 * automatic checkpoints are off while it runs; if the worker fails, they are on again.
 */
export function startWalCheckpoints(
  db: Database.Database,
  file: string,
  logger: Logger,
  intervalMs = 1000,
): WalCheckpoints {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, file, intervalMs } });
  // While it runs, it never keeps the process alive by itself.
  worker.unref();
  // A Worker is an EventEmitter in every Node; @types/node 26 (which the client's and the end-to-end suite's
  // type checks also load, through @types/ws) types its events in a way that does not merge with version 20's.
  const events = worker as unknown as EventEmitter;
  let running = true;
  const fallBack = () => {
    if (!running) return;
    running = false;
    if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
  };
  events.on('message', (message: { kind: 'ready' } | { kind: 'failed'; message: string }) => {
    if (message.kind === 'ready' && running) db.pragma('wal_autocheckpoint = 0');
    else if (message.kind === 'failed') logger.warn(`WAL checkpoint failed: ${message.message}`);
  });
  events.on('error', (error: unknown) => {
    logger.error('the WAL checkpoint worker failed; checkpoints are back on the main thread', error);
    fallBack();
  });
  const exited = new Promise<void>((resolve) => events.once('exit', () => resolve()));
  void exited.then(fallBack);
  return {
    async close() {
      fallBack();
      // Waited for: an unreferenced worker would let a process with nothing else to do exit before it stops.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log.ts';
import { startWalCheckpoints } from './wal-checkpoints.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'travaux-wal-'));
  dirs.push(dir);
  const file = join(dir, 'travaux.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE log (seq INTEGER PRIMARY KEY, data BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO log (data) VALUES (?)');
  /** `n` commits of one row each, as a room commits its batches. */
  const commit = (n: number) => {
    for (let i = 0; i < n; i++) db.transaction(() => insert.run(Buffer.alloc(2000, i)))();
  };
  return { db, file, commit, walBytes: () => statSync(`${file}-wal`).size };
}

const until = async (condition: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('WAL checkpoints in a worker thread', () => {
  it('turns the committing connection’s own checkpoints off while the worker keeps the WAL from growing', async () => {
    const { db, file, commit, walBytes } = openDatabase();
    // 1,500 commits of a page or so with no checkpoint at all: the WAL file's extent for that many commits.
    db.pragma('wal_autocheckpoint = 0');
    commit(1500);
    const grown = walBytes();
    expect(grown).toBeGreaterThan(1000 * 4096);
    const checkpoints = startWalCheckpoints(db, file, silentLogger, 50);
    await until(() => db.pragma('wal_autocheckpoint', { simple: true }) === 0);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    // Once the worker has copied the WAL into the database, the next commits reuse the file from its start
    // (a deeper table writes a few more pages than the first time; without a checkpoint the file would double).
    await new Promise((resolve) => setTimeout(resolve, 300));
    commit(1500);
    expect(walBytes()).toBeLessThan(grown * 1.1);
    expect(db.prepare('SELECT count(*) AS n FROM log').get()).toEqual({ n: 3000 });
    await checkpoints.close();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });

  it('gives the checkpoints back to the connection when the worker cannot work', async () => {
    const { db, commit } = openDatabase();
    // A file the worker cannot open as a database: it fails, and the committing connection checkpoints again.
    const checkpoints = startWalCheckpoints(db, join(tmpdir(), 'no-such-dir', 'x.sqlite'), silentLogger, 50);
    await until(() => db.pragma('wal_autocheckpoint', { simple: true }) === 1000, 5000);
    commit(10);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await checkpoints.close();
    db.close();
  });
});

describe('stopping the WAL checkpoints', () => {
  it('lets a process with nothing else to do wait for the last checkpoint', () => {
    const dir = mkdtempSync(join(tmpdir(), 'travaux-wal-'));
    dirs.push(dir);
    const script = join(dir, 'stop.mts');
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const module = new URL('./wal-checkpoints.ts', import.meta.url).href;
    writeFileSync(
      script,
      `import Database from ${JSON.stringify(driver)};
import { startWalCheckpoints } from ${JSON.stringify(module)};
const db = new Database(${JSON.stringify(join(dir, 'x.sqlite'))});
db.pragma('journal_mode = WAL');
const checkpoints = startWalCheckpoints(db, ${JSON.stringify(join(dir, 'x.sqlite'))}, { info() {}, warn() {}, error() {} }, 50);
await checkpoints.close();
db.close();
console.log('stopped');
`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    // Exit code 13 would mean the process ended while `close()` was still waiting for the worker.
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('stopped');
  });
});

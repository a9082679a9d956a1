import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './ports.ts';

/**
 * A Redis of one test file, on a free port in a temporary directory, that the test may stop, restart and
 * disturb without touching the Redis other tests share (`redis-server` is installed by with-services.sh).
 */
export interface PrivateRedis {
  readonly url: string;
  /** Kills the server (SIGKILL: nothing flushed, every connection cut). */
  kill(): Promise<void>;
  /** Starts it again on the same port (after `kill`). */
  start(): Promise<void>;
  /** Runs one command on it (e.g. `CLIENT KILL TYPE pubsub`). */
  command(...args: string[]): Promise<unknown>;
  stop(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'travaux-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const launch = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await runCommand(url, ['PING']);
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`the private Redis did not start: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await launch();
  return {
    url,
    kill,
    start: launch,
    command: (...args) => runCommand(url, args),
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function runCommand(url: string, [name, ...args]: string[]): Promise<unknown> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    return await client.call(name!, ...args);
  } finally {
    client.disconnect();
  }
}

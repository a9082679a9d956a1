import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';

// The script `npm test` runs the tests in (server/scripts/with-services.sh): its branches, run for real.

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '../../scripts/with-services.sh');

/**
 * Runs the script with `env` (the test URLs removed unless given) around a command that prints the URLs it was
 * given as JSON; resolves with that, the exit status and what the script said.
 */
function runScript(
  env: Record<string, string>,
  command: string[] = ['node', '-e', 'console.log(JSON.stringify(process.env))'],
): Promise<{ status: number | null; env: Record<string, string>; stderr: string }> {
  const base = { ...process.env };
  delete base.TRAVAUX_TEST_DATABASE_URL;
  delete base.TRAVAUX_TEST_REDIS_URL;
  delete base.TRAVAUX_TEST_SERVICES;
  const child = spawn('bash', [SCRIPT, ...command], {
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) =>
    child.once('close', (status) => {
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      resolve({ status, env: line ? (JSON.parse(line) as Record<string, string>) : {}, stderr });
    }),
  );
}

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => socket.write('PING\r\n'));
    socket.setTimeout(3000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('data', (data) => {
      socket.destroy();
      resolve(String(data).startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

function portOpen(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('with-services.sh (npm test)', () => {
  it('SN5: passes URLs that are set through untouched and returns the command’s exit status', async () => {
    const given = {
      TRAVAUX_TEST_DATABASE_URL: 'postgres://someone@db.invalid:5999/x',
      TRAVAUX_TEST_REDIS_URL: 'redis://cache.invalid:6999',
    };
    const result = await runScript(given);
    expect(result.status).toBe(0);
    expect(result.env).toMatchObject(given);
    const failing = await runScript(given, ['sh', '-c', 'exit 7']);
    expect(failing.status).toBe(7);
  });

  it('SN5: without URLs and with the standard ports skipped, starts private PostgreSQL and Redis and stops them after', async () => {
    const result = await runScript({ TRAVAUX_TEST_SERVICES: 'private' }, [
      'node',
      '-e',
      // The command sees working services: it prints the URLs only after both answered.
      `const net = require('node:net');
       const url = new URL(process.env.TRAVAUX_TEST_REDIS_URL);
       const socket = net.connect(Number(url.port), url.hostname, () => socket.write('PING\\r\\n'));
       socket.once('data', (data) => {
         socket.destroy();
         if (!String(data).startsWith('+PONG')) process.exit(2);
         console.log(JSON.stringify(process.env));
       });`,
    ]);
    expect(result.status, result.stderr).toBe(0);
    const database = result.env.TRAVAUX_TEST_DATABASE_URL ?? '';
    const redis = result.env.TRAVAUX_TEST_REDIS_URL ?? '';
    expect(database).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/test$/);
    expect(redis).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    expect(new URL(database).port).not.toBe('5432');
    expect(new URL(redis).port).not.toBe('6379');
    expect(result.stderr).toContain('started a private PostgreSQL');
    expect(result.stderr).toContain('started a private Redis');
    // Stopped and removed: nothing listens any more, and the temporary directory is gone.
    expect(await postgresAnswers(database)).toBe(false);
    expect(await portOpen(redis)).toBe(false);
    const dir = / in (\S+)/.exec(result.stderr)?.[1] ?? '';
    expect(dir).toMatch(/travaux-services-/);
    expect(existsSync(dir)).toBe(false);
  }, 60_000);

  it('SN5: uses the services on their standard local ports when nothing is set and they answer', async () => {
    const standardDatabase = (
      await Promise.all(
        ['test', 'postgres'].map(async (db) => {
          const url = `postgres://postgres@127.0.0.1:5432/${db}`;
          return (await postgresAnswers(url)) ? url : null;
        }),
      )
    ).find((url) => url !== null);
    const standardRedis = await redisAnswers('redis://127.0.0.1:6379');
    const result = await runScript({});
    expect(result.status).toBe(0);
    // Whichever branch this machine calls for: the standard service when it answers, a private one otherwise.
    if (standardDatabase) expect(result.env.TRAVAUX_TEST_DATABASE_URL).toBe(standardDatabase);
    else expect(result.stderr).toContain('started a private PostgreSQL');
    if (standardRedis) expect(result.env.TRAVAUX_TEST_REDIS_URL).toBe('redis://127.0.0.1:6379');
    else expect(result.stderr).toContain('started a private Redis');
  }, 60_000);
});

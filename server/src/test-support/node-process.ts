import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './clients.ts';
import { freePort } from './ports.ts';

const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A server process (the bundle `npm start` runs) on its own port, with what it printed so far. */
export interface NodeProcess {
  readonly port: number;
  readonly url: string;
  readonly child: ChildProcess;
  output: string;
  readonly exited: Promise<unknown>;
}

/**
 * Starts `count` processes of `bundle` on free ports, each told its own address (`TRAVAUX_NODE_URL`, when
 * `several`) and given `env`; resolves once every one listens.
 */
export async function startNodeProcesses(
  bundle: string,
  count: number,
  env: Readonly<Record<string, string>>,
  several = true,
): Promise<NodeProcess[]> {
  const started: NodeProcess[] = [];
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ['--enable-source-maps', bundle], {
      cwd: SERVER_DIR,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        TRAVAUX_SEED_DEMO: 'false',
        ...(several ? { TRAVAUX_NODE_URL: url } : {}),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const node: NodeProcess = {
      port,
      url,
      child,
      output: '',
      exited: new Promise((resolve) => child.once('exit', resolve)),
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      node.output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      node.output += chunk.toString();
    });
    started.push(node);
  }
  await Promise.all(
    started.map((node) =>
      waitFor('a node to listen', () => node.output.includes('Travaux listening on'), 20_000).catch(() => {
        throw new Error(`a node did not start: ${node.output}`);
      }),
    ),
  );
  return started;
}

/** POSTs JSON with a bearer token; throws with the answer unless it is 201. */
export async function postJson(url: string, body: unknown, bearer: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify(body),
  });
  if (response.status !== 201)
    throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** The value of the line `name value` in a Prometheus text (NaN when absent). */
export function metricValue(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : Number.NaN;
}

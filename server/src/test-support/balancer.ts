import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.ts';

/**
 * Debian's HAProxy, which `server/scripts/with-services.sh` installs when missing: `TRAVAUX_HAPROXY`, else
 * /usr/sbin/haproxy, else `haproxy` on the PATH.
 */
export const HAPROXY =
  process.env.TRAVAUX_HAPROXY?.trim() || (existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : 'haproxy');

/**
 * The README's sample configuration (Operations, Several nodes) on local ports: plain round robin, no sticky
 * sessions, WebSocket tunnels kept for an hour, nodes checked on `/readyz` (a node that is down or draining
 * leaves the rotation), `/metrics` not routed. `check` timings are short so that tests see a dead node leave within a second or two.
 */
export function haproxyConfig(port: number, nodes: readonly { port: number }[]): string {
  return [
    'global',
    '    maxconn 4096',
    'defaults',
    '    mode http',
    '    timeout connect 2s',
    '    timeout client 1h',
    '    timeout server 1h',
    '    timeout tunnel 1h',
    '    option redispatch',
    '    retries 2',
    'frontend travaux',
    `    bind 127.0.0.1:${port}`,
    '    # /metrics stays inside: scrape the nodes directly.',
    '    http-request deny if { path /metrics }',
    '    default_backend nodes',
    'backend nodes',
    '    balance roundrobin',
    '    option httpchk GET /readyz',
    '    default-server inter 500ms fall 2 rise 1',
    ...nodes.map((node, i) => `    server n${i} 127.0.0.1:${node.port} check`),
    '',
  ].join('\n');
}

/** A running HAProxy in front of `nodes`; `stop()` ends it and removes its directory. */
export interface Balancer {
  readonly url: string;
  readonly process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts HAProxy on a free port in front of `nodes` (in the foreground, `-db`), once it listens. */
export async function startBalancer(nodes: readonly { port: number }[]): Promise<Balancer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'travaux-haproxy-'));
  const config = join(dir, 'haproxy.cfg');
  writeFileSync(config, haproxyConfig(port, nodes));
  const child = spawn(HAPROXY, ['-db', '-f', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', (error) => {
    output += `cannot start ${HAPROXY}: ${error.message} (npm test installs it: server/scripts/with-services.sh)`;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null || output.includes('cannot start'))
      throw new Error(`HAProxy did not start: ${output}`);
    const up = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`HAProxy did not answer on ${url}: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    process: child,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloseCode } from '@travaux/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from './log.ts';
import { type RunningServer, startServer } from './server.ts';
import { RawClient } from './test-support/clients.ts';

const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
let dir: string;

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: SERVER_DIR,
    env: { ...process.env, TRAVAUX_DATA_DIR: dir, TRAVAUX_PUBLIC_URL: 'https://travaux.example.org' },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'travaux-cli-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the travaux CLI', () => {
  it('creates a negotiation, invites, lists, revokes and prints the audit log', () => {
    const created = cli('negotiation', 'create', '--title', 'Ad Hoc Committee');
    expect(created.code).toBe(0);
    const negotiation = /^negotiation (\S+)$/m.exec(created.out)?.[1];
    expect(negotiation).toBeTruthy();
    expect(created.out).toMatch(/^convenor link: https:\/\/travaux\.example\.org\/join\/\S+$/m);

    const invited = cli('invite', '--negotiation', negotiation!, '--role', 'delegate', '--delegation', 'KEN');
    expect(invited.code).toBe(0);
    const invitation = /^invitation (\S+) \(delegate of KEN/m.exec(invited.out)?.[1];
    expect(invitation).toBeTruthy();

    expect(cli('invitations', '--negotiation', negotiation!).out).toMatch(
      new RegExp(`^${invitation}\\tdelegate\\tKEN\\t\\S+\\tactive`, 'm'),
    );
    expect(cli('revoke', '--invitation', invitation!).code).toBe(0);
    expect(cli('invitations', '--negotiation', negotiation!).out).toMatch(
      new RegExp(`^${invitation}\\tdelegate\\tKEN\\t\\S+\\trevoked`, 'm'),
    );
    const audit = cli('audit', '--negotiation', negotiation!).out;
    expect(audit).toContain('negotiation.created');
    expect(audit).toContain('invitation.issued');
    expect(audit).toContain('invitation.revoked');
  });

  it('refuses bad usage with exit code 2 and a clear message', () => {
    expect(cli('invite', '--role', 'delegate').err).toContain('missing --negotiation');
    const created = cli('negotiation', 'create', '--title', 'N');
    const negotiation = /^negotiation (\S+)$/m.exec(created.out)![1]!;
    const noDelegation = cli('invite', '--negotiation', negotiation, '--role', 'delegate');
    expect(noDelegation.code).toBe(2);
    expect(noDelegation.err).toContain('a delegate invitation needs a "delegation"');
    expect(cli('invite', '--negotiation', negotiation, '--role', 'king').code).toBe(2);
    expect(cli('frobnicate').code).toBe(2);
    expect(cli('help').code).toBe(0);
    // Six CLI processes, each starting Node with tsx: well over the default timeout on a busy machine.
  }, 60_000);

  it('a revocation made with the CLI closes the open connections of a running server', async () => {
    let server: RunningServer | null = null;
    try {
      server = await startServer({ port: 0, host: '127.0.0.1', dataDir: dir, logger: silentLogger });
      const demo = server.demo!;
      const link = demo.links.find((l) => l.delegation === 'RUS')!;
      const opened = await server.access.openSession(link.url.split('/join/')[1], 'Anna');
      if (!opened.ok) throw new Error('session refused');
      const socket = new RawClient(server.url, demo.documentId, opened.session);
      await socket.opened;
      expect(cli('revoke', '--invitation', opened.principal.invitationId).code).toBe(0);
      expect((await socket.closed).code).toBe(CloseCode.Unauthorized);
    } finally {
      await server?.close();
    }
  });
});

import { parseArgs } from 'node:util';
import { isRole } from '@travaux/shared';
import { AccessControl, InvitationInputError } from './auth/access.ts';
import { ConfigError, readConfig } from './config.ts';
import { silentLogger } from './log.ts';
import { openStores } from './persistence/open-stores.ts';

export const USAGE = `Usage: npm run travaux -- <command> [options]   (or: node --import tsx server/src/cli.ts ...)

Works on the data directory of TRAVAUX_DATA_DIR (default ./data), also while the server runs.
Links use TRAVAUX_PUBLIC_URL (default http://HOST:PORT).

Commands:
  negotiation create --title <title>          create a negotiation; prints its id and the convenor's link
  invite --negotiation <id> --role <role>     issue an invitation; prints its link
         [--delegation <RUS|EU|...>] [--label <text>] [--hours <n>] [--people <n>]
         roles: convenor, chair, delegate (needs --delegation), observer
  invitations --negotiation <id>              list invitations (id, role, delegation, expiry, state)
  revoke --invitation <id>                    revoke an invitation; its sessions stop at once
  audit --negotiation <id> [--after <seq>]    print the audit log
  help                                        this text
`;

class UsageError extends Error {}

function need(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`missing --${flag}`);
  return value;
}

/** Runs one CLI command; returns the exit code (0 ok, 2 usage or input error). Output goes to `out`/`err`. */
export async function runCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  let config: ReturnType<typeof readConfig>;
  try {
    config = readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      err(`Invalid configuration: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: false,
    options: {
      title: { type: 'string' },
      negotiation: { type: 'string' },
      role: { type: 'string' },
      delegation: { type: 'string' },
      label: { type: 'string' },
      hours: { type: 'string' },
      people: { type: 'string' },
      invitation: { type: 'string' },
      after: { type: 'string' },
    },
  });
  const option = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const command = positionals.join(' ');
  if (command === '' || command === 'help') {
    out(USAGE);
    return command === 'help' ? 0 : 2;
  }
  // The server's own stores: its SQLite file (WAL, busy timeout) or its PostgreSQL (TRAVAUX_DATABASE_URL).
  const stores = await openStores(config, silentLogger, false);
  const { roster } = stores;
  const publicUrl = config.publicUrl ?? `http://${config.host}:${config.port}`;
  const access = new AccessControl(roster, stores.secret, () => publicUrl);
  const cli = { personId: null, name: 'command line', role: null, delegation: null };
  try {
    switch (command) {
      case 'negotiation create': {
        const { negotiation, convenor } = await access.createNegotiation(need(option('title'), 'title'));
        out(`negotiation ${negotiation.id}`);
        out(`convenor link: ${convenor.url}`);
        return 0;
      }
      case 'invite': {
        const negotiationId = need(option('negotiation'), 'negotiation');
        if (!(await roster.getNegotiation(negotiationId)))
          throw new UsageError(`no negotiation ${negotiationId}`);
        const role = need(option('role'), 'role');
        if (!isRole(role))
          throw new UsageError(`--role must be convenor, chair, delegate or observer, not ${role}`);
        const hours = option('hours');
        if (hours !== undefined && !/^\d+(\.\d+)?$/.test(hours))
          throw new UsageError('--hours must be a number');
        const people = option('people');
        if (people !== undefined && !/^\d+$/.test(people))
          throw new UsageError('--people must be a whole number');
        const issued = await access.issueInvitation(
          negotiationId,
          {
            role,
            delegation: option('delegation') ?? null,
            label: option('label') ?? null,
            ...(hours !== undefined ? { expiresInHours: Number(hours) } : {}),
            ...(people !== undefined ? { maxPeople: Number(people) } : {}),
          },
          cli,
        );
        out(
          `invitation ${issued.invitation.id} (${role}${issued.invitation.delegation ? ` of ${issued.invitation.delegation}` : ''}, until ${issued.invitation.expiresAt})`,
        );
        out(issued.url);
        return 0;
      }
      case 'invitations': {
        const negotiationId = need(option('negotiation'), 'negotiation');
        for (const i of await roster.listInvitations(negotiationId)) {
          const state = i.revokedAt
            ? `revoked ${i.revokedAt}`
            : Date.parse(i.expiresAt) <= Date.now()
              ? 'expired'
              : 'active';
          out([i.id, i.role, i.delegation ?? '-', i.expiresAt, state, i.label ?? ''].join('\t'));
        }
        return 0;
      }
      case 'revoke': {
        const id = need(option('invitation'), 'invitation');
        const invitation = await roster.getInvitation(id);
        if (!invitation) throw new UsageError(`no invitation ${id}`);
        await access.revoke(invitation.negotiationId, id, cli);
        out(`revoked ${id}`);
        return 0;
      }
      case 'audit': {
        const negotiationId = need(option('negotiation'), 'negotiation');
        const after = Number(option('after') ?? 0);
        for (const e of await roster.readAudit(negotiationId, Number.isInteger(after) ? after : 0, 1000)) {
          const who = e.actor.name
            ? `${e.actor.name} (${e.actor.role ?? '-'}${e.actor.delegation ? `, ${e.actor.delegation}` : ''})`
            : '-';
          out([e.seq, e.at, e.action, who, JSON.stringify(e.detail)].join('\t'));
        }
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof InvitationInputError) {
      err(`travaux: ${error.message}`);
      err('Run "npm run travaux -- help" for usage.');
      return 2;
    }
    throw error;
  } finally {
    await stores.close();
  }
}

// Run when executed directly (not when imported by tests).
if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runCli(
    process.argv.slice(2),
    process.env,
    (line) => process.stdout.write(`${line}\n`),
    (line) => process.stderr.write(`${line}\n`),
  );
}

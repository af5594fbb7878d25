import { resolve } from 'node:path';
import type { ImportReport, QueueItem, SearchHit } from '../../../shared/contract/index.ts';
import type { CoreHost } from '../host/host.ts';
import { call, newPassword, password, required, unlock, userName, userOption, type Command, type CommandArgs } from './command-support.ts';
import { CliFailure } from './output.ts';
import { readSecret } from './secrets.ts';
import { syncCommands } from './sync-commands.ts';

export type { Command, CommandArgs } from './command-support.ts';

const subcommand = (args: CommandArgs, known: string[]): string => {
  const name = args.positionals[1];
  if (!name || !known.includes(name)) {
    throw new CliFailure({ code: 'validation', message: `expected one of: ${known.join(', ')}` });
  }
  return name;
};

const findUserId = async (host: CoreHost, username: string): Promise<string> => {
  const users = (await call(host, 'users:list')) as { id: string; username: string }[];
  const user = users.find((candidate) => candidate.username === username.toLowerCase());
  if (!user) throw new CliFailure({ code: 'not-found', message: 'no account with this username' });
  return user.id;
};

export const commands: Record<string, Command> = {
  info: {
    summary: 'Show the app version, store schema version, data folder and locale.',
    run: (host) => call(host, 'app:info'),
  },
  init: {
    summary: 'Create the encrypted store, the branch and its admin; prints the recovery code once.',
    usage: 'init --branch NAME --admin USER [--name "Display name"]',
    options: { branch: { type: 'string' }, admin: { type: 'string' }, name: { type: 'string' } },
    run: async (host, args) => {
      const admin = required(args, 'admin');
      const result = (await call(host, 'session:setup', {
        branchName: required(args, 'branch'),
        adminUsername: admin,
        adminDisplayName: typeof args.options.name === 'string' ? args.options.name : admin,
        password: await password(args),
      })) as { recoveryCode: string; user: unknown; branch: unknown };
      if (!args.json) {
        return [
          'Store created.',
          `Recovery code (shown once; write it down and keep it locked away): ${result.recoveryCode}`,
        ].join('\n');
      }
      return result;
    },
  },
  users: {
    summary: 'Manage accounts: users list | add | disable | passwd (as --user, an admin).',
    usage:
      'users list --user ADMIN\n  users add --user ADMIN --username U --name "Name" --role worker|manager|admin [--districts ID,ID]\n  users disable --user ADMIN --username U\n  users passwd --user ADMIN --username U   (new password from MOWAKABA_NEW_PASSWORD or a prompt)',
    options: { ...userOption, username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, districts: { type: 'string' } },
    run: async (host, args) => {
      const action = subcommand(args, ['list', 'add', 'disable', 'passwd']);
      await unlock(host, args);
      if (action === 'list') return call(host, 'users:list');
      if (action === 'add') {
        const districts = typeof args.options.districts === 'string' ? args.options.districts.split(',').filter(Boolean) : [];
        return call(host, 'users:add', {
          username: required(args, 'username'),
          displayName: required(args, 'name'),
          role: required(args, 'role'),
          districtIds: districts,
          password: await newPassword(args),
        });
      }
      const id = await findUserId(host, required(args, 'username'));
      if (action === 'disable') return call(host, 'users:update', { id, disabled: true });
      await call(host, 'users:set-password', { id, password: await newPassword(args) });
      return { id, passwordChanged: true };
    },
  },
  backup: {
    summary: 'Write an encrypted backup (store + keyring) to a file.',
    usage: 'backup --user ADMIN --out FILE',
    options: { ...userOption, out: { type: 'string' } },
    run: async (host, args) => {
      const out = required(args, 'out');
      await unlock(host, args);
      return call(host, 'store:backup', { file: out });
    },
  },
  restore: {
    summary: 'Replace the store with a backup, proven by a password (--user) or the recovery code.',
    usage: 'restore --file FILE [--user U]   (secret from MOWAKABA_PASSWORD, or MOWAKABA_RECOVERY_CODE without --user)',
    options: { ...userOption, file: { type: 'string' } },
    run: async (host, args) => {
      const file = required(args, 'file');
      const user = typeof args.options.user === 'string' ? args.options.user : undefined;
      const secret = user ? await password(args) : await readSecret(args.secrets, 'MOWAKABA_RECOVERY_CODE', 'Recovery code: ');
      return call(host, 'store:restore', user ? { file, secret, username: user } : { file, secret });
    },
  },
  rekey: {
    summary: 'Re-encrypt the store with a new random key (admin).',
    usage: 'rekey --user ADMIN',
    options: userOption,
    run: async (host, args) => {
      const secret = await password(args);
      await call(host, 'session:unlock', { username: userName(args), password: secret });
      await call(host, 'store:rekey', { password: secret });
      return { rekeyed: true };
    },
  },
  import: {
    summary: 'Import a registry extract (CSV or XLSX); --dry-run reports without writing (admin).',
    usage: 'import --user ADMIN --file FILE [--dry-run]',
    options: { ...userOption, file: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    run: async (host, args) => {
      const path = resolve(required(args, 'file'));
      await unlock(host, args);
      const report = (await call(host, 'import:run', { source: { kind: 'path', path }, dryRun: args.options['dry-run'] === true })) as ImportReport;
      if (args.json) return report;
      return [
        `${report.dryRun ? 'Dry run (nothing written)' : 'Imported'}: ${report.rows} rows`,
        `households: ${report.households.created} created, ${report.households.updated} updated, ${report.households.unchanged} unchanged`,
        `members:    ${report.members.created} created, ${report.members.updated} updated, ${report.members.unchanged} unchanged`,
        `districts created: ${report.districtsCreated.length}`,
        `rejected rows: ${report.rejected.length}`,
        ...report.rejected.map((problem) => `  line ${problem.line}${problem.column ? ` (${problem.column})` : ''}: ${problem.reason}`),
        `warnings: ${report.warnings.length}`,
        `possible duplicates (same national ID, never merged): ${report.possibleDuplicates.length}`,
      ].join('\n');
    },
  },
  search: {
    summary: 'Search households by name (Arabic or Latin), national ID, phone or registry ref.',
    usage: 'search --user U --query Q [--limit N]',
    options: { ...userOption, query: { type: 'string' }, limit: { type: 'string' } },
    run: async (host, args) => {
      const query = required(args, 'query');
      const limit = typeof args.options.limit === 'string' ? Number(args.options.limit) : 20;
      await unlock(host, args);
      const hits = (await call(host, 'search:query', { query, limit })) as SearchHit[];
      if (args.json) return hits;
      return hits
        .map((hit) => [hit.registryRef ?? '-', hit.nameAr, hit.nameLat ?? '', hit.nationalId ?? '', hit.districtName, hit.registryScore ?? ''].join('\t'))
        .join('\n');
    },
  },
  queue: {
    summary: 'Show what needs doing now for a user, most urgent first.',
    usage: 'queue --user U',
    options: userOption,
    run: async (host, args) => {
      await unlock(host, args);
      const items = (await call(host, 'queue:mine')) as QueueItem[];
      if (args.json) return items;
      return items
        .map((item) =>
          [item.kind, item.dueDate ?? '', item.daysOverdue ? `+${item.daysOverdue}d` : '', item.registryRef ?? '-', item.headNameAr ?? '', item.actionTitle ?? item.domain ?? ''].join('\t'),
        )
        .join('\n');
    },
  },
  assign: {
    summary: 'Assign households to a worker (manager): listed ids, or everything of another worker.',
    usage: 'assign --user MANAGER (--households ID,ID | --from-worker USERNAME) --to USERNAME|none',
    options: { ...userOption, households: { type: 'string' }, 'from-worker': { type: 'string' }, to: { type: 'string' } },
    run: async (host, args) => {
      const to = required(args, 'to');
      const households = typeof args.options.households === 'string' ? args.options.households.split(',').filter(Boolean) : undefined;
      const fromWorker = typeof args.options['from-worker'] === 'string' ? args.options['from-worker'] : undefined;
      if (Boolean(households) === Boolean(fromWorker)) {
        throw new CliFailure({ code: 'validation', message: 'give either --households or --from-worker' });
      }
      await unlock(host, args);
      const toWorkerId = to === 'none' ? null : await findUserId(host, to);
      const input = households ? { householdIds: households, toWorkerId } : { fromWorkerId: await findUserId(host, fromWorker ?? ''), toWorkerId };
      return call(host, 'households:assign', input);
    },
  },
  audit: {
    summary: 'Check the audit chain: audit verify (as a manager or admin).',
    usage: 'audit verify --user USER',
    options: userOption,
    run: async (host, args) => {
      subcommand(args, ['verify']);
      await unlock(host, args);
      const report = (await call(host, 'audit:verify')) as { ok: boolean; entries: number; brokenAt: number | null };
      if (!report.ok) {
        throw new CliFailure({ code: 'conflict', message: `audit chain broken at entry ${report.brokenAt} (${report.entries} entries verified before it)` });
      }
      return report;
    },
  },
  ...syncCommands,
};

import { resolve } from 'node:path';
import type { SyncReport } from '../../../shared/contract/index.ts';
import { call, password, required, unlock, userOption, type Command, type CommandArgs } from './command-support.ts';
import { CliFailure } from './output.ts';

const reportLines = (report: SyncReport) =>
  [`pushed:    ${report.pushed}`, `pulled:    ${report.pulled}`, `conflicts: ${report.conflicts}`, `rejected:  ${report.rejected}`, `cursor:    ${report.cursor}`].join('\n');

const bundleAction = (args: CommandArgs): 'export' | 'import' => {
  const action = args.positionals[1];
  if (action !== 'export' && action !== 'import') throw new CliFailure({ code: 'validation', message: 'expected one of: export, import' });
  return action;
};

/** Sync with the branch server: join a new device, sync now, USB bundles. */
export const syncCommands: Record<string, Command> = {
  join: {
    summary: "Join a branch server on a new device: download the user's data into a new encrypted store.",
    usage: 'join --server URL --user U [--device-name NAME]   (prints the recovery code once)',
    options: { ...userOption, server: { type: 'string' }, 'device-name': { type: 'string' } },
    run: async (host, args) => {
      const server = required(args, 'server');
      const username = required(args, 'user');
      const deviceName = typeof args.options['device-name'] === 'string' ? args.options['device-name'] : 'Mowakaba CLI';
      const result = (await call(host, 'sync:join', { server, username, password: await password(args), deviceName })) as {
        recoveryCode: string;
        branch: { name: string };
      };
      if (args.json) return result;
      return [`Joined branch ${result.branch.name}.`, `Recovery code (shown once; write it down and keep it locked away): ${result.recoveryCode}`].join('\n');
    },
  },
  sync: {
    summary: 'Push waiting changes to the branch server and pull the branch’s (as --user or MOWAKABA_USER).',
    usage: 'sync --user U',
    options: userOption,
    run: async (host, args) => {
      await unlock(host, args);
      const report = (await call(host, 'sync:now')) as SyncReport;
      return args.json ? report : reportLines(report);
    },
  },
  bundle: {
    summary: 'USB bundles: bundle export (waiting changes to a file) | bundle import (the server’s answer).',
    usage: 'bundle export --user U --file FILE\n  bundle import --user U --file FILE',
    options: { ...userOption, file: { type: 'string' } },
    run: async (host, args) => {
      const action = bundleAction(args);
      const file = resolve(required(args, 'file'));
      await unlock(host, args);
      if (action === 'export') return call(host, 'bundle:export', { file });
      const report = (await call(host, 'bundle:import', { file })) as SyncReport;
      return args.json ? report : reportLines(report);
    },
  },
};

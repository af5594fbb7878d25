import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastTestKdfParams } from '../keys/kdf.ts';
import { runCli } from './main.ts';
import type { CliIo } from './output.ts';

let dataDir: string;

/** Runs the CLI with secrets from a fake environment and no terminal. */
const cli = async (args: string[], env: Record<string, string> = {}) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (text) => void out.push(text), err: (text) => void err.push(text) };
  const code = await runCli([...args, '--data', dataDir], { io, secrets: { env }, kdf: fastTestKdfParams });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

const admin = { MOWAKABA_PASSWORD: 'admin-password-1' };

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mowakaba-cli-accounts-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('account commands', () => {
  let recoveryCode = '';

  it('init creates the store and prints the recovery code once; a second init fails', async () => {
    const missing = await cli(['init', '--branch', 'Zagora', '--admin', 'admin', '--json']);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(/MOWAKABA_PASSWORD/);

    const first = await cli(['init', '--branch', 'Zagora', '--admin', 'admin', '--json'], admin);
    expect(first.code).toBe(0);
    ({ recoveryCode } = JSON.parse(first.out) as { recoveryCode: string });
    expect(recoveryCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4})+$/);

    const again = await cli(['init', '--branch', 'Zagora', '--admin', 'admin'], admin);
    expect(again.code).toBe(1);
    expect(again.err.split('\n')).toHaveLength(1);
    expect(again.err).toMatch(/^error: conflict: /);
  });

  it('adds, lists, re-passwords and disables users; passwords never come from arguments', async () => {
    const add = await cli(['users', 'add', '--user', 'admin', '--username', 'salma', '--name', 'Salma', '--role', 'worker', '--json'], {
      ...admin,
      MOWAKABA_NEW_PASSWORD: 'worker-password-1',
    });
    expect(add.code).toBe(0);
    expect(JSON.parse(add.out)).toMatchObject({ username: 'salma', role: 'worker', disabled: false });

    const refused = await cli(['users', 'add', '--user', 'admin', '--password', 'x']);
    expect(refused.code).toBe(2);

    const list = await cli(['users', 'list', '--user', 'salma', '--json'], { MOWAKABA_PASSWORD: 'worker-password-1' });
    expect(list.code).toBe(1);
    expect(list.err).toMatch(/^error: forbidden: /);

    const passwd = await cli(['users', 'passwd', '--user', 'admin', '--username', 'salma'], { ...admin, MOWAKABA_NEW_PASSWORD: 'worker-password-2' });
    expect(passwd.code).toBe(0);
    const disable = await cli(['users', 'disable', '--user', 'admin', '--username', 'salma', '--json'], admin);
    expect(JSON.parse(disable.out)).toMatchObject({ disabled: true });
    const listed = await cli(['users', 'list', '--user', 'admin', '--json'], admin);
    expect((JSON.parse(listed.out) as { username: string }[]).map((user) => user.username)).toEqual(['admin', 'salma']);
  });

  it('refuses a wrong password with one line and a non-zero exit', async () => {
    const wrong = await cli(['audit', 'verify', '--user', 'admin'], { MOWAKABA_PASSWORD: 'wrong-password' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toBe('error: locked: The username or password is not right.');
  });

  it('verifies the audit chain, backs up, rekeys and restores with the recovery code', async () => {
    const verify = await cli(['audit', 'verify', '--user', 'admin', '--json'], admin);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.out)).toMatchObject({ ok: true, brokenAt: null });

    const file = join(dataDir, 'backup.mwkbackup');
    const backup = await cli(['backup', '--user', 'admin', '--out', file, '--json'], admin);
    expect(backup.code).toBe(0);
    expect(JSON.parse(backup.out)).toMatchObject({ file });

    expect((await cli(['rekey', '--user', 'admin'], admin)).code).toBe(0);
    const restore = await cli(['restore', '--file', file, '--json'], { MOWAKABA_RECOVERY_CODE: recoveryCode });
    expect(restore.code).toBe(0);
    expect((await cli(['audit', 'verify', '--user', 'admin'], admin)).code).toBe(0);
  });
});

describe('import and search commands', () => {
  const fixture = new URL('../../../../shared/fixtures/registry-sample.csv', import.meta.url).pathname;

  it('dry-runs, imports and searches the sample fixture', async () => {
    const dry = await cli(['import', '--user', 'admin', '--file', fixture, '--dry-run', '--json'], admin);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ dryRun: true, households: { created: 40 } });
    const real = await cli(['import', '--file', fixture, '--json'], { ...admin, MOWAKABA_USER: 'admin' });
    expect(JSON.parse(real.out)).toMatchObject({ dryRun: false, households: { created: 40 }, rejected: [] });
    const text = await cli(['import', '--user', 'admin', '--file', fixture], admin);
    expect(text.out).toMatch(/households: 0 created, 0 updated, 40 unchanged/);

    const found = await cli(['search', '--user', 'admin', '--query', 'fatema al fassi', '--limit', '5', '--json'], admin);
    expect(found.code).toBe(0);
    expect(JSON.parse(found.out)[0]).toMatchObject({ registryRef: 'RSU-ZAG-0000001', nameLat: 'Fatima El Fassi', nationalId: 'J244083', districtName: 'Tagounite' });
    const missing = await cli(['import', '--user', 'admin', '--file', join(dataDir, 'nope.csv')], admin);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^error: validation: /);
  });
});

describe('queue and assign commands', () => {
  it('assigns households to a worker and shows them in her queue; a worker cannot assign', async () => {
    await cli(['users', 'add', '--user', 'admin', '--username', 'houda', '--name', 'Houda', '--role', 'worker'], { ...admin, MOWAKABA_NEW_PASSWORD: 'worker-password-3' });
    await cli(['users', 'add', '--user', 'admin', '--username', 'nadia', '--name', 'Nadia', '--role', 'manager'], { ...admin, MOWAKABA_NEW_PASSWORD: 'manager-password-1' });
    const found = JSON.parse((await cli(['search', '--user', 'admin', '--query', 'RSU-ZAG-', '--json'], admin)).out) as { householdId: string }[];
    const ids = [...new Set(found.map((hit) => hit.householdId))].slice(0, 3);
    const manager = { MOWAKABA_PASSWORD: 'manager-password-1' };
    const assigned = await cli(['assign', '--user', 'nadia', '--households', ids.join(','), '--to', 'houda', '--json'], manager);
    expect(JSON.parse(assigned.out)).toEqual({ assigned: ids.length });
    const queue = await cli(['queue', '--user', 'houda', '--json'], { MOWAKABA_PASSWORD: 'worker-password-3' });
    const items = JSON.parse(queue.out) as { kind: string; householdId: string }[];
    expect(new Set(items.filter((item) => item.kind === 'new_assignment').map((item) => item.householdId))).toEqual(new Set(ids));
    const refused = await cli(['assign', '--user', 'houda', '--from-worker', 'houda', '--to', 'none'], { MOWAKABA_PASSWORD: 'worker-password-3' });
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^error: forbidden: /);
    const moved = await cli(['assign', '--user', 'nadia', '--from-worker', 'houda', '--to', 'none', '--json'], manager);
    expect(JSON.parse(moved.out)).toEqual({ assigned: ids.length });
  });
});

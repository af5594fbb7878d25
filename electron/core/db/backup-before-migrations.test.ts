import Sqlite from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely/migration';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backupsDir } from './backup-before-migrations.ts';
import { migrationProvider, migrations } from './migrations/index.ts';
import { schemaVersion } from './schema-version.ts';
import { openEncrypted, openStore, toStore } from './store.ts';

let dir: string;
let path: string;
const key = randomBytes(32);
const keyring = JSON.stringify({ version: 1, slots: ['wrapped key slot'] });
const [, second, third] = Object.keys(migrations).sort();

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mowakaba-backup-'));
  path = join(dir, 'mowakaba.db');
  await writeFile(join(dir, 'keyring.json'), keyring, { mode: 0o600 });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** A store as an older version left it: only its first two migrations, and a row of data. */
const createOlderStore = async (file: string) => {
  const store = toStore(openEncrypted(file, key, { create: true }), file);
  const { error } = await new Migrator({ db: store.db, provider: migrationProvider }).migrateTo(second ?? '');
  if (error) throw error;
  await store.db.insertInto('meta').values({ key: 'probe', value: 'kept' }).execute();
  return store;
};

const appliedCount = (sqlite: InstanceType<typeof Sqlite>) => (sqlite.prepare('SELECT count(*) AS n FROM kysely_migration').get() as { n: number }).n;

describe('the backup taken before a new version migrates the store', () => {
  it('copies the encrypted store and its keyring, readable with the same key, then migrates', async () => {
    await (await createOlderStore(path)).close();
    const store = await openStore(path, key);
    expect(appliedCount(store.sqlite)).toBe(schemaVersion());
    await store.close();

    const [folder, ...others] = await readdir(backupsDir(dir));
    expect(others).toEqual([]);
    expect(folder).toMatch(new RegExp(`^before-${third}-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d-\\d{3}Z$`));
    const backup = join(backupsDir(dir), folder ?? '');
    expect((await readdir(backup)).sort()).toEqual(['keyring.json', 'mowakaba.db']);
    expect((await stat(backupsDir(dir))).mode & 0o777).toBe(0o700);
    expect((await stat(backup)).mode & 0o777).toBe(0o700);
    expect((await stat(join(backup, 'mowakaba.db'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(backup, 'keyring.json'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(backup, 'keyring.json'), 'utf8')).toBe(keyring);

    expect(() => new Sqlite(join(backup, 'mowakaba.db')).prepare('SELECT * FROM meta').all()).toThrow(/not a database/);
    const copy = openEncrypted(join(backup, 'mowakaba.db'), key);
    expect(appliedCount(copy)).toBe(2);
    expect(copy.prepare(`SELECT value FROM meta WHERE key = 'probe'`).get()).toEqual({ value: 'kept' });
    copy.close();
  });

  it('includes writes still waiting in the WAL', async () => {
    const older = await createOlderStore(path);
    older.sqlite.prepare(`INSERT INTO meta (key, value) VALUES ('in-wal', 'yes')`).run();
    expect((await stat(`${path}-wal`)).size).toBeGreaterThan(0);
    const store = await openStore(path, key);
    await store.close();
    await older.close();

    const [folder] = await readdir(backupsDir(dir));
    const copy = openEncrypted(join(backupsDir(dir), folder ?? '', 'mowakaba.db'), key);
    expect(copy.prepare(`SELECT value FROM meta WHERE key = 'in-wal'`).get()).toEqual({ value: 'yes' });
    copy.close();
  });

  it('takes no backup of a store already at this version, nor of a new one', async () => {
    await (await openStore(path, key, { create: true })).close();
    await (await openStore(path, key)).close();
    expect(existsSync(backupsDir(dir))).toBe(false);
  });

  it('refuses to migrate when the backup cannot be written', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await (await createOlderStore(path)).close();
    await writeFile(backupsDir(dir), 'not a folder');
    await expect(openStore(path, key)).rejects.toMatchObject({ code: 'internal', reason: 'backup-failed' });

    const untouched = openEncrypted(path, key);
    expect(appliedCount(untouched)).toBe(2);
    untouched.close();
  });

  it('refuses to migrate without the keyring the copy needs', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await (await createOlderStore(path)).close();
    await rm(join(dir, 'keyring.json'));
    await expect(openStore(path, key)).rejects.toMatchObject({ reason: 'backup-failed' });
    expect(await readdir(backupsDir(dir))).toEqual([]);
  });

  it('leaves copies of other files alone (a restore candidate is itself a backup)', async () => {
    const candidate = join(dir, 'mowakaba.db.restore');
    await (await createOlderStore(candidate)).close();
    await (await openStore(candidate, key)).close();
    expect(existsSync(backupsDir(dir))).toBe(false);
  });
});

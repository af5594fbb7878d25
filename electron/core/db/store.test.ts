import Sqlite from 'better-sqlite3-multiple-ciphers';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreError } from '../errors.ts';
import { schemaVersion } from './schema-version.ts';
import { integrityOk, openEncrypted, openStore, rekeyDatabase } from './store.ts';

let dir: string;
let path: string;
const key = randomBytes(32);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mowakaba-store-'));
  path = join(dir, 'mowakaba.db');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const openWithSqlcipherSettings = (file: string, rawKey: Buffer) => {
  const db = new Sqlite(file);
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${rawKey.toString('hex')}'"`);
  return db;
};

describe('the encrypted store', () => {
  it('is unreadable without the key and opens with SQLCipher v4 settings and the raw key', async () => {
    const store = await openStore(path, key, { create: true });
    await store.db.insertInto('meta').values({ key: 'probe', value: 'هذا سر' }).execute();
    await store.close();

    const bytes = await readFile(path);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(bytes.includes(Buffer.from('هذا سر'))).toBe(false);
    expect((await stat(path)).mode & 0o777).toBe(0o600);

    const plain = new Sqlite(path);
    expect(() => plain.prepare('SELECT * FROM meta').all()).toThrow(/not a database/);
    plain.close();

    const sqlcipher = openWithSqlcipherSettings(path, key);
    expect(sqlcipher.prepare(`SELECT value FROM meta WHERE key = 'probe'`).get()).toEqual({ value: 'هذا سر' });
    sqlcipher.close();
  });

  it('refuses a wrong key with a locked error and the wrong-key reason', async () => {
    await (await openStore(path, key, { create: true })).close();
    expect(() => openEncrypted(path, randomBytes(32))).toThrow(CoreError);
    try {
      openEncrypted(path, randomBytes(32));
    } catch (error) {
      expect(error).toMatchObject({ code: 'locked', reason: 'wrong-key' });
    }
  });

  it('migrates to this build’s schema version and refuses a store written by a newer app', async () => {
    const store = await openStore(path, key, { create: true });
    const applied = store.sqlite.prepare('SELECT count(*) AS n FROM kysely_migration').get() as { n: number };
    expect(applied.n).toBe(schemaVersion());
    store.sqlite.prepare(`INSERT INTO kysely_migration (name, timestamp) VALUES ('29990101T0000-future', '2999-01-01')`).run();
    await store.close();
    await expect(openStore(path, key)).rejects.toMatchObject({ code: 'outdated', reason: 'store-newer' });
  });

  it('rekeys in WAL mode: the old key no longer opens it, the new one does', async () => {
    const store = await openStore(path, key, { create: true });
    await store.db.insertInto('meta').values({ key: 'kept', value: '1' }).execute();
    const newKey = randomBytes(32);
    rekeyDatabase(store.sqlite, newKey);
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    await store.close();
    expect(() => openEncrypted(path, key)).toThrow(/cannot be opened/);
    const reopened = await openStore(path, newKey);
    expect(await reopened.db.selectFrom('meta').select('value').where('key', '=', 'kept').executeTakeFirst()).toEqual({ value: '1' });
    expect(integrityOk(reopened.sqlite)).toBe(true);
    await reopened.close();
  });

  it('keeps every committed write when the writing process is killed with SIGKILL', async () => {
    const script = new URL('./testing/write-loop.ts', import.meta.url).pathname;
    const child = spawn(process.execPath, [script, path, key.toString('hex')], { stdio: ['ignore', 'pipe', 'inherit'] });
    const committed: string[] = [];
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', () => resolve());
      createInterface({ input: child.stdout }).on('line', (line) => {
        committed.push(line);
        if (committed.length === 400) child.kill('SIGKILL');
      });
    });
    expect(child.signalCode).toBe('SIGKILL');
    expect(committed.length).toBeGreaterThanOrEqual(400);

    const store = await openStore(path, key);
    expect(integrityOk(store.sqlite)).toBe(true);
    const rows = store.sqlite.prepare(`SELECT key FROM meta WHERE key LIKE 'row-%'`).all() as { key: string }[];
    const present = new Set(rows.map((row) => row.key));
    expect(committed.filter((id) => !present.has(id))).toEqual([]);
    await store.close();
  });
});

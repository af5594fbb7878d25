import Sqlite from 'better-sqlite3-multiple-ciphers';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storePath } from '../db/store.ts';
import { openDatabaseKey } from '../keys/database-key.ts';
import { findSlot, keyringPath, readKeyring, unwrapKey } from '../keys/keyring.ts';
import { adminPassword, createTestDevice, type TestDevice } from '../testing.ts';
import { addDistrict, addUser, listBranchDistricts } from '../users/users.service.ts';
import { backupStore, rekeyStore, restoreStore, verifyStoreAudit } from './store.service.ts';

let device: TestDevice;
beforeEach(async () => {
  device = await createTestDevice();
});
afterEach(async () => {
  await device.cleanup();
});

/** Opens the raw SQLite file with the current database key, as a tool outside the app would. */
const rawOpen = async () => {
  const keyring = await readKeyring(keyringPath(device.dataDir));
  const slot = findSlot(keyring, { kind: 'recovery' });
  const masterKey = slot ? await unwrapKey(slot, device.recoveryCode) : null;
  const databaseKey = masterKey && keyring.databaseKey ? openDatabaseKey(masterKey, keyring.databaseKey) : null;
  if (!databaseKey) throw new Error('no key');
  const db = new Sqlite(storePath(device.dataDir));
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${databaseKey.toString('hex')}'"`);
  return db;
};

describe('audit chain', () => {
  it('verifies a clean store and detects a raw edit or a removed entry', async () => {
    await addDistrict(device.sessions, { name: 'Tagounite' });
    await addUser(device.sessions, { username: 'salma', displayName: 'Salma', role: 'worker', districtIds: [], password: 'worker-password-1' });
    const clean = await verifyStoreAudit(device.sessions);
    expect(clean).toEqual({ ok: true, entries: 4, brokenAt: null });
    await device.sessions.lock();

    const raw = await rawOpen();
    raw.prepare(`UPDATE audit_log SET entity_id = 'someone-else' WHERE seq = 3`).run();
    raw.close();
    await device.sessions.unlock('admin', adminPassword);
    expect(await verifyStoreAudit(device.sessions)).toMatchObject({ ok: false, brokenAt: 3 });
    await device.sessions.lock();

    const again = await rawOpen();
    const original = again.prepare('SELECT * FROM audit_log WHERE seq = 2').get();
    expect(original).toBeTruthy();
    again.prepare('DELETE FROM audit_log WHERE seq = 4').run();
    again.close();
    await device.sessions.unlock('admin', adminPassword);
    expect(await verifyStoreAudit(device.sessions)).toMatchObject({ ok: false });
  });
});

describe('backup and restore', () => {
  it('restores a backup with the recovery code, replacing later changes', async () => {
    await addDistrict(device.sessions, { name: 'Before' });
    const file = join(device.dataDir, 'branch.mwkbackup');
    const { bytes } = await backupStore(device.sessions, file);
    expect(bytes).toBeGreaterThan(4096);
    expect((await readFile(file)).includes(Buffer.from('Before'))).toBe(false);

    await addDistrict(device.sessions, { name: 'After' });
    await device.sessions.lock();
    await restoreStore(device.sessions, { file, secret: device.recoveryCode });
    await device.sessions.unlock('admin', adminPassword);
    expect((await listBranchDistricts(device.sessions)).map((district) => district.name)).toEqual(['Before']);
    expect((await verifyStoreAudit(device.sessions)).ok).toBe(true);
  });

  it('refuses a wrong secret or a damaged file and leaves the current store untouched', async () => {
    const file = join(device.dataDir, 'branch.mwkbackup');
    await backupStore(device.sessions, file);
    await addDistrict(device.sessions, { name: 'Current' });
    await device.sessions.lock();
    const before = await readFile(storePath(device.dataDir));

    await expect(restoreStore(device.sessions, { file, secret: 'wrong-password', username: 'admin' })).rejects.toMatchObject({ reason: 'wrong-password' });
    const damaged = join(device.dataDir, 'damaged.mwkbackup');
    const bytes = await readFile(file);
    await writeFile(damaged, bytes.subarray(0, bytes.length - 100));
    await expect(restoreStore(device.sessions, { file: damaged, secret: adminPassword, username: 'admin' })).rejects.toMatchObject({ reason: 'backup-damaged' });

    expect(await readFile(storePath(device.dataDir))).toEqual(before);
    await device.sessions.unlock('admin', adminPassword);
    expect((await listBranchDistricts(device.sessions)).map((district) => district.name)).toEqual(['Current']);
  });
});

describe('rekey', () => {
  it('re-encrypts with a new key; every user still unlocks with the same password', async () => {
    await addUser(device.sessions, { username: 'salma', displayName: 'Salma', role: 'worker', districtIds: [], password: 'worker-password-1' });
    await device.sessions.lock();
    const oldRaw = await rawOpen();
    oldRaw.close();
    const oldKeyring = await readKeyring(keyringPath(device.dataDir));
    await device.sessions.unlock('admin', adminPassword);
    await expect(rekeyStore(device.sessions, 'not-my-password')).rejects.toMatchObject({ reason: 'wrong-password' });
    await rekeyStore(device.sessions, adminPassword);
    const newKeyring = await readKeyring(keyringPath(device.dataDir));
    expect(newKeyring.databaseKey).not.toEqual(oldKeyring.databaseKey);
    expect(newKeyring.previousDatabaseKey).toBeUndefined();
    await device.sessions.lock();
    await expect(device.sessions.unlock('salma', 'worker-password-1')).resolves.toBeTruthy();
  });
});

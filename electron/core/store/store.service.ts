import { existsSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AuditReport } from '../../../shared/contract/index.ts';
import { verifyAudit } from '../audit/audit.repository.ts';
import { actorOf, auditEvent } from '../db/changes.ts';
import { schemaVersion } from '../db/schema-version.ts';
import { integrityOk, openStore, rekeyDatabase, snapshotTo, storePath } from '../db/store.ts';
import { CoreError } from '../errors.ts';
import { openDatabaseKey, sealDatabaseKey } from '../keys/database-key.ts';
import { createDatabaseKey, findSlot, keyringPath, readKeyring, unwrapKey, type Keyring } from '../keys/keyring.ts';
import type { SessionManager } from '../session/session.service.ts';
import { readBackupFile, writeBackupFile } from './backup-file.ts';

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/** Checks the audit chain of the open store (managers and admins). */
export const verifyStoreAudit = async (sessions: SessionManager): Promise<AuditReport> =>
  verifyAudit(sessions.require(['admin', 'manager']).store.db);

/** Writes an encrypted backup: a consistent snapshot of the store plus its keyring (admin). */
export const backupStore = async (sessions: SessionManager, file: string): Promise<{ file: string; bytes: number }> => {
  const session = sessions.require(['admin']);
  if (!existsSync(dirname(file))) throw new CoreError('not-found', 'The backup folder does not exist.', undefined, { reason: 'folder-missing' });
  const snapshot = join(sessions.dataDir, `backup-${stamp()}.tmp`);
  try {
    snapshotTo(session.store.sqlite, snapshot);
    const keyring = Buffer.from(JSON.stringify(await sessions.loadKeyring()));
    const bytes = await writeBackupFile(file, { keyring, databaseFile: snapshot, schemaVersion: schemaVersion() });
    return { file, bytes };
  } finally {
    await rm(snapshot, { force: true });
  }
};

/** The master key a backup's keyring gives for a user's password, or for the recovery code. */
const unlockBackupKeyring = async (keyring: Keyring, secret: string, username?: string): Promise<Buffer> => {
  const userId = username ? keyring.usernames?.[username] : undefined;
  const slot = username ? (userId ? findSlot(keyring, { kind: 'user', userId }) : undefined) : findSlot(keyring, { kind: 'recovery' });
  const masterKey = slot ? await unwrapKey(slot, secret) : null;
  if (!masterKey) {
    throw new CoreError('locked', 'This password or recovery code does not open the backup.', undefined, { reason: 'wrong-password' });
  }
  return masterKey;
};

/**
 * Replaces the store with a backup. The backup is proven first (it opens with the given secret
 * and passes the integrity check); the current store is kept aside until the new one opens.
 */
export const restoreStore = async (sessions: SessionManager, input: { file: string; secret: string; username?: string }) => {
  const { dataDir } = sessions;
  const incoming = `${storePath(dataDir)}.restore`;
  const incomingKeyring = `${keyringPath(dataDir)}.restore`;
  try {
    const { keyring: keyringBytes } = await readBackupFile(input.file, incoming);
    await writeFile(incomingKeyring, keyringBytes, { mode: 0o600 });
    const keyring = await readKeyring(incomingKeyring);
    const masterKey = await unlockBackupKeyring(keyring, input.secret, input.username);
    const databaseKey = keyring.databaseKey ? openDatabaseKey(masterKey, keyring.databaseKey) : null;
    if (!databaseKey) throw new CoreError('validation', 'This file is not a Mowakaba backup, or it is damaged.', undefined, { reason: 'backup-damaged' });
    const candidate = await openStore(incoming, databaseKey);
    try {
      if (!integrityOk(candidate.sqlite)) {
        throw new CoreError('validation', 'This file is not a Mowakaba backup, or it is damaged.', undefined, { reason: 'backup-damaged' });
      }
      const branch = await candidate.db.selectFrom('branches').select('id').executeTakeFirst();
      await auditEvent(candidate, { userId: null, branchId: branch?.id ?? null }, { entity: 'store', entityId: 'store', action: 'restore', fields: [] });
    } finally {
      await candidate.close();
    }
    await sessions.exclusive(() => swapInRestoredStore(sessions, keyring, databaseKey, incoming));
    masterKey.fill(0);
    return { restored: true as const };
  } finally {
    await rm(incoming, { force: true });
    await rm(incomingKeyring, { force: true });
  }
};

const swapInRestoredStore = async (sessions: SessionManager, keyring: Keyring, databaseKey: Buffer, incoming: string) => {
  const { dataDir } = sessions;
  const current = storePath(dataDir);
  const aside = `${current}.previous-${stamp()}`;
  const asideKeyring = `${keyringPath(dataDir)}.previous-${stamp()}`;
  const hadStore = existsSync(current);
  const hadKeyring = existsSync(keyringPath(dataDir));
  if (hadStore) await rename(current, aside);
  if (hadKeyring) await rename(keyringPath(dataDir), asideKeyring);
  try {
    await rename(incoming, current);
    await sessions.saveKeyring(keyring);
    const check = await openStore(current, databaseKey);
    await check.close();
  } catch (error) {
    await rm(current, { force: true });
    if (hadStore) await rename(aside, current);
    if (hadKeyring) await rename(asideKeyring, keyringPath(dataDir));
    throw error;
  }
  await rm(aside, { force: true });
  await rm(asideKeyring, { force: true });
};

/**
 * Re-encrypts the store with a new random key (admin, after re-entering the password). The new
 * key is saved beside the old one first, so a crash mid-way leaves a store that still opens.
 */
export const rekeyStore = async (sessions: SessionManager, password: string): Promise<void> => {
  const session = sessions.require(['admin']);
  const keyring = await sessions.loadKeyring();
  const slot = findSlot(keyring, { kind: 'user', userId: session.user.id });
  const confirmed = slot ? await unwrapKey(slot, password) : null;
  if (!confirmed) throw new CoreError('locked', 'The username or password is not right.', undefined, { reason: 'wrong-password' });
  const newKey = createDatabaseKey();
  const previousDatabaseKey = keyring.databaseKey;
  await sessions.saveKeyring({ ...keyring, databaseKey: sealDatabaseKey(session.masterKey, newKey), previousDatabaseKey });
  // Inside Kysely's connection lock, so no transaction of another call is open during the rekey.
  await session.store.db.connection().execute(async () => rekeyDatabase(session.store.sqlite, newKey));
  await sessions.saveKeyring({ ...keyring, databaseKey: sealDatabaseKey(session.masterKey, newKey), previousDatabaseKey: undefined });
  await auditEvent(session.store, actorOf(session), { entity: 'store', entityId: 'store', action: 'rekey', fields: [] });
};

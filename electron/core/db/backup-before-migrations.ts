import { constants } from 'node:fs';
import { chmod, copyFile, mkdir, open, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CoreError } from '../errors.ts';
import { keyringPath } from '../keys/keyring.ts';
import type { SqliteDatabase } from './store.ts';

/** Where the copies taken before a new version's migrations go: `<dataDir>/backups/`. */
export const backupsDir = (dataDir: string): string => join(dataDir, 'backups');

const stamp = (date: Date) => date.toISOString().replace(/[:.]/g, '-');

const syncFile = async (file: string) => {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

const copyPrivate = async (from: string, to: string) => {
  await copyFile(from, to, constants.COPYFILE_EXCL);
  await chmod(to, 0o600);
  await syncFile(to);
};

/**
 * Copies the still-encrypted store file and its keyring into
 * `<dataDir>/backups/before-<migration>-<time>/` (folders 0700, files 0600). The WAL is folded
 * into the file first (TRUNCATE checkpoint), so the copy alone holds every committed write; the
 * store was just opened and nothing else writes to it. Any failure aborts: no migration without it.
 */
export const backupBeforeMigrations = async (sqlite: SqliteDatabase, storeFile: string, migrationName: string, now = new Date()): Promise<string> => {
  const dataDir = dirname(storeFile);
  const target = join(backupsDir(dataDir), `before-${migrationName}-${stamp(now)}`);
  let created = false;
  try {
    await mkdir(backupsDir(dataDir), { recursive: true, mode: 0o700 });
    await chmod(backupsDir(dataDir), 0o700);
    await mkdir(target, { mode: 0o700 });
    created = true;
    await chmod(target, 0o700);
    const [checkpoint] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    if (!checkpoint || checkpoint.busy !== 0) throw new Error('WAL checkpoint incomplete');
    await copyPrivate(storeFile, join(target, basename(storeFile)));
    // Without its keyring the copy cannot be opened by anyone: it goes along (still wrapped).
    await copyPrivate(keyringPath(dataDir), join(target, basename(keyringPath(dataDir))));
    return target;
  } catch (error) {
    console.error(`[store] backup before migrations failed: ${error instanceof Error ? error.name : 'unknown'}`);
    if (created) await rm(target, { recursive: true, force: true }).catch(() => undefined);
    throw new CoreError('internal', 'The case store could not be backed up before this update changed it; nothing was changed.', undefined, {
      reason: 'backup-failed',
    });
  }
};

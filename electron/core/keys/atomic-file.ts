import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const tempPathFor = (target: string): string => join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);

/** Makes a rename or link durable; some platforms (Windows) cannot open a folder, which is fine to skip. */
const syncDir = async (dir: string): Promise<void> => {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort only: the file itself was already synced.
  } finally {
    await handle?.close();
  }
};

/** Writes a private (0600) temp file beside the target and syncs it; the caller moves it into place. */
const writeTemp = async (target: string, data: string | Uint8Array): Promise<string> => {
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  const temp = tempPathFor(target);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.chmod(0o600);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return temp;
};

/** Replaces a file all at once (temp file, fsync, rename, fsync of the folder), readable by the owner only. */
export const writeFileAtomic = async (target: string, data: string | Uint8Array): Promise<void> => {
  const temp = await writeTemp(target, data);
  try {
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDir(dirname(target));
};

/**
 * Creates a file all at once only if it does not exist yet; false when another writer got there
 * first (whose content then stands). A hard link fails on an existing name, unlike a rename.
 */
export const createFileAtomic = async (target: string, data: string | Uint8Array): Promise<boolean> => {
  const temp = await writeTemp(target, data);
  try {
    await link(temp, target);
  } catch (error) {
    if (isErrnoCode(error, 'EEXIST')) return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await syncDir(dirname(target));
  return true;
};

export const isErrnoCode = (error: unknown, code: string): boolean =>
  error instanceof Error && 'code' in error && (error as NodeJS.ErrnoException).code === code;

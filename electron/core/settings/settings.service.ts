import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultSettings, settingsSchema, type Settings } from '../../../shared/contract/index.ts';

const fileName = 'settings.json';

/** Reads device settings; a missing or damaged file yields the defaults for what it lacks. */
export const readSettings = async (dataDir: string): Promise<Settings> => {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(dataDir, fileName), 'utf8'));
  } catch {
    return { ...defaultSettings };
  }
  const saved = settingsSchema.partial().safeParse(raw);
  if (!saved.success) return { ...defaultSettings };
  return { ...defaultSettings, ...saved.data };
};

// Saves run one at a time: two overlapping ones would each merge into the same old file (one
// change lost) and share one temp file (the second rename fails).
let lastSave: Promise<unknown> = Promise.resolve();

/** Merges a validated patch into the saved settings with an atomic replace of the file. */
export const updateSettings = (dataDir: string, patch: Partial<Settings>): Promise<Settings> => {
  const save = lastSave.then(() => saveMerged(dataDir, patch));
  lastSave = save.catch(() => undefined);
  return save;
};

const saveMerged = async (dataDir: string, patch: Partial<Settings>): Promise<Settings> => {
  const next = settingsSchema.parse({ ...(await readSettings(dataDir)), ...patch });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const target = join(dataDir, fileName);
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, target);
  return next;
};

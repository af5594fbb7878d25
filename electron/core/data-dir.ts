import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the app keeps its data when none is given: the same folder as Electron's userData. */
export const defaultDataDir = (env: NodeJS.ProcessEnv = process.env, platform = process.platform): string => {
  if (env.MOWAKABA_DATA) return env.MOWAKABA_DATA;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Mowakaba');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Mowakaba');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Mowakaba');
};

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fastTestKdfParams } from './keys/kdf.ts';
import { createSessionManager, type SessionManager } from './session/session.service.ts';

export const adminPassword = 'admin-password-1';

export interface TestDevice {
  dataDir: string;
  sessions: SessionManager;
  events: { state: string; reason: string }[];
  /** Moves the fake clock forward. */
  advance(ms: number): void;
  recoveryCode: string;
  cleanup(): Promise<void>;
}

/** A fresh data folder with a set-up store (branch "Zagora", admin "admin"), unlocked as the admin. */
export const createTestDevice = async ({ setup = true } = {}): Promise<TestDevice> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'mowakaba-core-'));
  const events: { state: string; reason: string }[] = [];
  let clock = Date.parse('2026-11-23T09:00:00Z');
  const sessions = createSessionManager({
    dataDir,
    kdf: fastTestKdfParams,
    emit: (_event, payload) => void events.push(payload),
    now: () => clock,
  });
  let recoveryCode = '';
  if (setup) {
    ({ recoveryCode } = await sessions.setup({
      branchName: 'Zagora',
      adminUsername: 'admin',
      adminDisplayName: 'Admin',
      password: adminPassword,
    }));
  }
  return {
    dataDir,
    sessions,
    events,
    recoveryCode,
    advance: (ms) => void (clock += ms),
    async cleanup() {
      await sessions.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

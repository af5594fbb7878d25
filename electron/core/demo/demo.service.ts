import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { newId } from '../db/ids.ts';
import { CoreError } from '../errors.ts';
import { importRegistry } from '../import/import.service.ts';
import type { SessionManager } from '../session/session.service.ts';
import { isJoinedStore } from '../sync/connection.ts';
import { addUser, listBranchDistricts } from '../users/users.service.ts';
import { generateCaseActivity, writeRegistryCsv } from './generator.ts';

const demoAccounts = [
  { username: 'demo.worker1', displayName: 'سلمى العلوي', role: 'worker' as const },
  { username: 'demo.worker2', displayName: 'يوسف بناني', role: 'worker' as const },
  { username: 'demo.worker3', displayName: 'خديجة الإدريسي', role: 'worker' as const },
  { username: 'demo.manager', displayName: 'كريم التازي', role: 'manager' as const },
];

/**
 * Fills a new, empty branch with generated households, accounts, plans, actions and visits, so a
 * new user can try the app (admin, explicit choice at setup). Plans, actions and visits are
 * written directly, outside the audit and the sync outbox: a demonstration store is not for sync.
 */
export const populateDemo = async (sessions: SessionManager, households: number) => {
  const session = sessions.require(['admin']);
  if (isJoinedStore(session.store)) {
    throw new CoreError('conflict', 'Demonstration data never goes into a store joined to a server.', undefined, { reason: 'joined-store' });
  }
  const existing = session.store.sqlite.prepare('SELECT count(*) AS n FROM households').get() as { n: number };
  if (existing.n > 0) throw new CoreError('conflict', 'Demonstration data only goes into an empty branch.', undefined, { reason: 'not-empty' });
  const file = join(sessions.dataDir, `demo-${newId()}.csv`);
  try {
    await writeRegistryCsv(file, { seed: 2026, households });
    await importRegistry(sessions, { source: { kind: 'path', path: file }, dryRun: false });
  } finally {
    await rm(file, { force: true });
  }
  const districts = await listBranchDistricts(sessions);
  const accounts = [];
  for (const [index, account] of demoAccounts.entries()) {
    // Each demo account gets its own random password, shown once to the admin.
    const password = `demo-${randomBytes(6).toString('hex')}`;
    const districtIds = account.role === 'worker' ? districts.filter((_, i) => i % 3 === index).map((district) => district.id) : [];
    const user = await addUser(sessions, { ...account, districtIds, password });
    accounts.push({ id: user.id, username: account.username, displayName: account.displayName, role: account.role, password });
  }
  const today = new Date().toISOString().slice(0, 10);
  const activity = generateCaseActivity(
    session.store.sqlite,
    {
      branchId: session.branch.id,
      userIds: accounts.filter((account) => account.role === 'worker').map((account) => account.id),
      managerId: accounts.find((account) => account.role === 'manager')?.id ?? null,
    },
    { seed: 2026, today, plansPerHousehold: 0.6, actionsPerPlan: 4, visitsPerHousehold: 3 },
  );
  return {
    households,
    ...activity,
    accounts: accounts.map(({ username, displayName, role, password }) => ({ username, displayName, role, password })),
  };
};

/// <reference lib="dom" />
import { afterEach, describe, expect, it } from 'vitest';
import { sampleFixturePath } from '../electron/core/import/testing/large-extract.ts';
import plansAr from '../renderer/src/i18n/locales/plans.ar.json' with { type: 'json' };
import plansFr from '../renderer/src/i18n/locales/plans.fr.json' with { type: 'json' };
import branchAr from '../renderer/src/i18n/locales/branch.ar.json' with { type: 'json' };
import branchFr from '../renderer/src/i18n/locales/branch.fr.json' with { type: 'json' };
import { startApp, type E2eApp } from './support/app.ts';

let app: E2eApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const worker = { username: 'salma', password: 'worker-password-1' };
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** Calls the core as the signed-in user of the bridge; fails the test on an error. */
const call = async <T>(target: E2eApp, channel: string, input?: unknown): Promise<T> => {
  const result = await target.bridge.host.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.reason ?? ''}`);
  return result.value as T;
};

const signIn = async (target: E2eApp, username: string, password: string) => {
  await call(target, 'session:lock');
  await call(target, 'session:unlock', { username, password });
};

/** A branch with the sample households, a worker with an overdue health appointment, and a missed benefit. */
const seedBranch = async (target: E2eApp) => {
  await call(target, 'import:run', { source: { kind: 'path', path: sampleFixturePath }, dryRun: false });
  const districts = await call<{ id: string }[]>(target, 'districts:list');
  const districtIds = districts.map((district) => district.id);
  const salma = await call<{ id: string }>(target, 'users:add', { ...worker, displayName: 'سلمى العمراني', role: 'worker', districtIds });
  const { rows } = await call<{ rows: { id: string }[] }>(target, 'households:list', { sort: 'ref', limit: 3 });
  const [first, second] = rows;
  await call(target, 'households:assign', { householdIds: [first?.id, second?.id], toWorkerId: salma.id });
  await call(target, 'plans:create', {
    householdId: first?.id,
    domain: 'health',
    goals: 'متابعة صحية',
    actions: [{ type: 'health_appointment', title: 'موعد في المركز الصحي', dueDate: daysAgo(4), assigneeId: salma.id }],
  });
  const programmes = await call<{ id: string; code: string }[]>(target, 'programmes:list');
  for (const programme of programmes) {
    const wanted = programme.code === 'direct_support';
    await call(target, 'eligibility:set', { programmeId: programme.id, scoreMax: wanted ? 99 : null, condition: 'none', active: wanted });
  }
};

describe.each([
  { code: 'ar', t: plansAr },
  { code: 'fr', t: plansFr },
] as const)('the worker queue in $code', ({ code, t }) => {
  it('shows the overdue action first; she completes it with its outcome and turns a missed benefit into a plan in one step', async () => {
    app = await startApp({ signedIn: true });
    await seedBranch(app);
    await call(app, 'settings:set', { language: code });
    await signIn(app, worker.username, worker.password);
    const { page } = app;
    await page.reload();
    await page.getByRole('heading', { level: 2, name: t.queue.title }).waitFor();

    const list = page.getByRole('listbox');
    const first = list.getByRole('option').first();
    await first.waitFor();
    expect(await first.textContent()).toContain('موعد في المركز الصحي');
    await app.screenshot(`queue-${code}`);

    // Complete it from the keyboard: d, the outcome, Enter.
    await list.focus();
    await page.keyboard.press('d');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(t.actions.outcome).fill('حضرت الموعد وبدأت العلاج');
    await app.screenshot(`queue-complete-${code}`);
    await dialog.getByRole('button', { name: t.actions.completeSubmit }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('موعد في المركز الصحي').waitFor({ state: 'detached' });

    // A possible missed benefit becomes a plan in one submit.
    const benefits = list.getByRole('group', { name: t.queue.groups.missed_benefit }).getByRole('option');
    const before = await benefits.count();
    expect(before).toBeGreaterThan(0);
    await benefits.first().getByRole('button', { name: t.queue.buttons.plan }).click();
    await page.getByRole('dialog').getByRole('button', { name: t.plans.submit }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => benefits.count()).toBe(before - 1);
    await app.screenshot(`queue-after-${code}`);

    const done = await call<{ kind: string; actionTitle: string | null }[]>(app, 'queue:mine');
    expect(done.some((item) => item.actionTitle === 'موعد في المركز الصحي')).toBe(false);
  }, 120_000);
});

describe.each([
  { code: 'ar', t: { ...plansAr, ...branchAr } },
  { code: 'fr', t: { ...plansFr, ...branchFr } },
] as const)('the branch manager in $code', ({ code, t }) => {
  it('reassigns the ten households of a worker on leave in one step, and the new worker’s queue shows them', async () => {
    app = await startApp({ signedIn: true });
    await seedBranch(app);
    const districts = await call<{ id: string }[]>(app, 'districts:list');
    const districtIds = districts.map((district) => district.id);
    const karim = await call<{ id: string }>(app, 'users:add', { username: 'karim', password: 'worker-password-2', displayName: 'كريم بناني', role: 'worker', districtIds });
    await call(app, 'users:add', { username: 'nadia', password: 'manager-password-1', displayName: 'نادية الصبار', role: 'manager', districtIds: [] });
    const { rows } = await call<{ rows: { id: string }[] }>(app, 'households:list', { sort: 'ref', offset: 10, limit: 10 });
    await call(app, 'households:assign', { householdIds: rows.map((row) => row.id), toWorkerId: karim.id });
    await call(app, 'settings:set', { language: code });
    await signIn(app, worker.username, worker.password);
    await call(app, 'queue:seen');

    await signIn(app, 'nadia', 'manager-password-1');
    const { page } = app;
    await page.reload();
    await page.getByRole('heading', { level: 2, name: t.queue.title }).waitFor();
    await page.keyboard.press('Alt+4');
    await page.getByRole('heading', { name: t.branch.title }).first().waitFor();
    await page.getByRole('button', { name: t.branch.reassign.openFor.replace('{{name}}', 'كريم بناني') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: t.branch.reassign.target }).click();
    await page.getByRole('option', { name: /سلمى العمراني/ }).click();
    await app.screenshot(`branch-reassign-${code}`);
    await dialog.getByRole('button', { name: /10|١٠/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await call<{ workers: { userId: string; households: number }[] }>(app as E2eApp, 'branch:overview')).workers.find((w) => w.userId === karim.id)?.households).toBe(0);
    await app.screenshot(`branch-${code}`);

    await signIn(app, worker.username, worker.password);
    await page.reload();
    const group = page.getByRole('group', { name: t.queue.groups.new_assignment });
    await group.waitFor();
    expect(await group.getByRole('option').count()).toBe(10);
    await app.screenshot(`queue-reassigned-${code}`);
  }, 120_000);
});

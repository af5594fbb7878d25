import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EligibilityCondition } from '../../../shared/contract/index.ts';
import { addDays, todayIso } from '../../../shared/rules/dates.ts';
import { createDispatch } from '../dispatch.ts';
import { handlers } from '../handlers.ts';
import { addMember } from '../households/members.service.ts';
import { listProgrammes } from '../households/records.service.ts';
import { importRegistry } from '../import/import.service.ts';
import { adminPassword, createTestDevice, type TestDevice } from '../testing.ts';
import { addUser, listBranchDistricts } from '../users/users.service.ts';
import { assignHouseholds, branchOverview, dashboardStats } from './branch.service.ts';
import { setEligibilityRule } from './eligibility.service.ts';
import { addAction, completeAction, createPlan, decidePlanClosure, requestPlanClosure } from './plans.service.ts';
import { markQueueSeen, myQueue } from './queue.service.ts';
import { createSyncService } from '../sync/sync.service.ts';

const fixture = new URL('../../../../shared/fixtures/registry-sample.csv', import.meta.url).pathname;
const today = todayIso();

let device: TestDevice;
let salma: string;
let karim: string;
let householdIds: string[];

const signInAs = async (username: string, password: string) => {
  await device.sessions.lock();
  await device.sessions.unlock(username, password);
};

beforeEach(async () => {
  device = await createTestDevice();
  await importRegistry(device.sessions, { source: { kind: 'path', path: fixture }, dryRun: false });
  const districts = await listBranchDistricts(device.sessions);
  const ids = districts.map((district) => district.id);
  salma = (await addUser(device.sessions, { username: 'salma', displayName: 'Salma', role: 'worker', districtIds: ids, password: 'worker-password-1' })).id;
  karim = (await addUser(device.sessions, { username: 'karim', displayName: 'Karim', role: 'worker', districtIds: ids, password: 'worker-password-2' })).id;
  await addUser(device.sessions, { username: 'nadia', displayName: 'Nadia', role: 'manager', districtIds: [], password: 'manager-password-1' });
  const rows = await device.sessions.require().store.db.selectFrom('households').select('id').orderBy('registry_ref').execute();
  householdIds = rows.map((row) => row.id);
});
afterEach(async () => {
  await device.cleanup();
});

describe('plans and actions', () => {
  it('creates a plan with a recurring step; completing it schedules the next one on the cadence', async () => {
    const householdId = householdIds[0] ?? '';
    const plan = await createPlan(device.sessions, {
      householdId,
      domain: 'health',
      goals: 'متابعة مرض مزمن',
      status: 'active',
      actions: [{ type: 'phone_call', title: 'اتصال شهري', dueDate: addDays(today, -3), assigneeId: salma, recurrence: { every: 2, unit: 'weeks' } }],
    });
    expect(plan.actions).toHaveLength(1);
    const step = plan.actions[0];
    const { completed, next } = await completeAction(device.sessions, { id: step?.id ?? '', outcome: 'تم الاتصال', outcomeCode: 'other' });
    expect(completed.status).toBe('done');
    expect(next).toMatchObject({ status: 'planned', dueDate: addDays(today, 11), assigneeId: salma });
    await expect(completeAction(device.sessions, { id: step?.id ?? '', outcome: 'again' })).rejects.toMatchObject({ reason: 'action-closed' });
  });

  it('needs a manager to close a plan; a worker is refused through the contract with forbidden', async () => {
    await assignHouseholds(device.sessions, { householdIds: householdIds.slice(0, 1), toWorkerId: salma });
    const plan = await createPlan(device.sessions, { householdId: householdIds[0] ?? '', domain: 'employment', goals: 'إيجاد عمل', status: 'active', actions: [] });
    await signInAs('salma', 'worker-password-1');
    const closing = await requestPlanClosure(device.sessions, { id: plan.id, note: 'وجد عملاً' });
    expect(closing.status).toBe('closing');

    const ctx = { dataDir: device.dataDir, appVersion: '0', locale: 'ar', sessions: device.sessions, sync: createSyncService({ sessions: device.sessions, emit: () => undefined }), emit: () => undefined };
    const dispatch = createDispatch(handlers, ctx);
    expect(await dispatch('plans:decide-close', { id: plan.id, approve: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch('households:assign', { householdIds: householdIds.slice(0, 2), toWorkerId: salma })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await dispatch('branch:overview', undefined)).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await signInAs('nadia', 'manager-password-1');
    expect((await branchOverview(device.sessions)).closuresWaiting.map((waiting) => waiting.id)).toEqual([plan.id]);
    expect((await decidePlanClosure(device.sessions, { id: plan.id, approve: true })).status).toBe('closed');
  });
});

describe('the worker queue', () => {
  it('puts an overdue step first, more days overdue higher, and drops it once done', async () => {
    await assignHouseholds(device.sessions, { householdIds: householdIds.slice(0, 3), toWorkerId: salma });
    const make = async (householdId: string, dueDate: string, title: string) => {
      const plan = await createPlan(device.sessions, { householdId, domain: 'health', goals: 'صحة', status: 'active', actions: [] });
      return addAction(device.sessions, { planId: plan.id, type: 'health_appointment', title, dueDate, assigneeId: salma });
    };
    await make(householdIds[0] ?? '', addDays(today, 3), 'later this week');
    const overdue = await make(householdIds[1] ?? '', addDays(today, -20), 'long overdue');
    await make(householdIds[2] ?? '', today, 'today');

    await signInAs('salma', 'worker-password-1');
    await markQueueSeen(device.sessions);
    const queue = await myQueue(device.sessions);
    const actionItems = queue.filter((item) => item.actionId);
    expect(queue[0]).toMatchObject({ kind: 'overdue', actionTitle: 'long overdue', daysOverdue: 20 });
    expect(actionItems.map((item) => item.kind)).toEqual(['overdue', 'due_today', 'due_week']);
    for (let i = 1; i < queue.length; i += 1) expect((queue[i - 1]?.priority ?? 0) >= (queue[i]?.priority ?? 0)).toBe(true);

    await completeAction(device.sessions, { id: overdue.id, outcome: 'حضر الموعد', outcomeCode: 'coverage_enrolled' });
    expect((await myQueue(device.sessions)).some((item) => item.actionId === overdue.id)).toBe(false);
    const stats = await dashboardStats(device.sessions);
    expect(stats.outcomesByMonth).toEqual([{ month: today.slice(0, 7), outcomeCode: 'coverage_enrolled', count: 1 }]);
  });

  it('shows households newly assigned by the manager, and a bulk reassignment moves households and their open steps', async () => {
    const ten = householdIds.slice(0, 10);
    await assignHouseholds(device.sessions, { householdIds: ten, toWorkerId: karim });
    const plan = await createPlan(device.sessions, {
      householdId: ten[0] ?? '',
      domain: 'education',
      goals: 'إعادة التمدرس',
      status: 'active',
      actions: [{ type: 'referral', title: 'إحالة إلى المدرسة', dueDate: addDays(today, -1) }],
    });
    expect(plan.actions[0]?.assigneeId).toBe(karim);
    await signInAs('salma', 'worker-password-1');
    await markQueueSeen(device.sessions);

    // Karim goes on leave: the manager moves everything of his to Salma in one step.
    await signInAs('nadia', 'manager-password-1');
    expect(await assignHouseholds(device.sessions, { fromWorkerId: karim, toWorkerId: salma })).toEqual({ assigned: 10 });
    const overview = await branchOverview(device.sessions);
    expect(overview.workers.find((worker) => worker.userId === salma)).toMatchObject({ households: 10, overdueActions: 1 });
    expect(overview.workers.find((worker) => worker.userId === karim)).toMatchObject({ households: 0, overdueActions: 0 });
    expect(overview.unassignedHouseholds).toBe(householdIds.length - 10);

    await signInAs('salma', 'worker-password-1');
    const queue = await myQueue(device.sessions);
    expect(new Set(queue.filter((item) => item.kind === 'new_assignment').map((item) => item.householdId))).toEqual(new Set(ten));
    expect(queue[0]).toMatchObject({ kind: 'overdue', actionTitle: 'إحالة إلى المدرسة' });
  });

  it('lists possible missed benefits and needs without a plan; a plan in that domain answers the need', async () => {
    const householdId = householdIds[0] ?? '';
    await assignHouseholds(device.sessions, { householdIds: [householdId], toWorkerId: salma });
    const programmes = await listProgrammes(device.sessions);
    const direct = programmes.find((programme) => programme.code === 'direct_support');
    await setEligibilityRule(device.sessions, { programmeId: direct?.id ?? '', scoreMax: 99, condition: 'none', active: true });
    // A 10-year-old out of school: an education need.
    const child = await addMember(device.sessions, { householdId, firstNameAr: 'سعيد', lastNameAr: 'الفاسي', sex: 'M', birthDate: addDays(today, -3700), relation: 'child', inSchool: false });

    await signInAs('salma', 'worker-password-1');
    let queue = await myQueue(device.sessions);
    expect(queue.some((item) => item.kind === 'missed_benefit' && item.programmeId === direct?.id)).toBe(true);
    const need = queue.find((item) => item.kind === 'need_no_plan' && item.memberId === child.id);
    expect(need).toMatchObject({ domain: 'education', householdId });

    await createPlan(device.sessions, { householdId, memberId: child.id, domain: 'education', goals: 'إعادة سعيد إلى المدرسة', status: 'active', actions: [] });
    // A plan started from the missed benefit answers it until the enrollment is recorded.
    await createPlan(device.sessions, { householdId, programmeId: direct?.id ?? '', domain: 'health', goals: 'التسجيل في الدعم المباشر', status: 'active', actions: [] });
    queue = await myQueue(device.sessions);
    expect(queue.some((item) => item.kind === 'need_no_plan' && item.memberId === child.id)).toBe(false);
    expect(queue.some((item) => item.kind === 'missed_benefit' && item.programmeId === direct?.id)).toBe(false);
  });

  it('applies each eligibility condition on a real store', async () => {
    // One household whose only member meets no condition: employed, covered, not disabled, 50.
    const file = join(device.dataDir, 'one.csv');
    await writeFile(
      file,
      [
        'household_ref,registry_score,region,province,commune,member_ref,first_name_ar,last_name_ar,sex,birth_date,relation,employment,disability,health_coverage',
        'RSU-T-1,5.5,Souss-Massa,Tata,Tata,T-1,حميد,الساهل,M,1976-03-01,head,employed,no,amo',
      ].join('\n'),
    );
    await importRegistry(device.sessions, { source: { kind: 'path', path: file }, dryRun: false });
    const household = await device.sessions.require().store.db.selectFrom('households').select('id').where('registry_ref', '=', 'RSU-T-1').executeTakeFirstOrThrow();
    const householdId = household.id;
    await assignHouseholds(device.sessions, { householdIds: [householdId], toWorkerId: salma });
    const programmes = await listProgrammes(device.sessions);
    const programme = programmes[0];
    for (const other of programmes.slice(1)) await setEligibilityRule(device.sessions, { programmeId: other.id, scoreMax: null, condition: 'none', active: false });
    const eligibleFor = async () => {
      await signInAs('salma', 'worker-password-1');
      const ids = (await myQueue(device.sessions)).filter((item) => item.kind === 'missed_benefit' && item.householdId === householdId).map((item) => item.programmeId);
      await signInAs('admin', adminPassword);
      return ids.includes(programme?.id ?? '');
    };
    const rule = (scoreMax: number | null, condition: EligibilityCondition) =>
      setEligibilityRule(device.sessions, { programmeId: programme?.id ?? '', scoreMax, condition, active: true });
    const member = (fields: Partial<Parameters<typeof addMember>[1]>) =>
      addMember(device.sessions, { householdId, firstNameAr: 'فرد', lastNameAr: 'الساهل', sex: 'F', birthDate: '1990-01-01', relation: 'other', ...fields });

    await rule(5, 'none');
    expect(await eligibleFor()).toBe(false); // 5.5 is above the threshold
    await rule(5.5, 'none');
    expect(await eligibleFor()).toBe(true); // at the threshold qualifies

    const cases: [EligibilityCondition, Partial<Parameters<typeof addMember>[1]>][] = [
      ['disability', { disability: true }],
      ['unemployed_adult', { birthDate: addDays(today, -30 * 366), employment: 'unemployed' }],
      ['child_out_of_school', { birthDate: addDays(today, -10 * 366), relation: 'child', inSchool: false }],
      ['no_health_coverage', { healthCoverage: 'none' }],
    ];
    for (const [condition, fields] of cases) {
      await rule(99, condition);
      expect(await eligibleFor(), `${condition} before`).toBe(false);
      await member(fields);
      expect(await eligibleFor(), `${condition} after`).toBe(true);
    }
  });
});

import { v7 as uuidv7 } from 'uuid';
import { dayIso, dayNumber, dayTimestamp } from './days.ts';
import { createRandom, deriveSeed, type Random } from './random.ts';

export interface CaseActivityOptions {
  seed: number;
  /** YYYY-MM-DD: due dates before it are overdue; nothing is completed or visited after it. */
  today: string;
  /** Mean number of follow-up plans per household, e.g. 0.6 (Poisson). */
  plansPerHousehold: number;
  /** Mean number of actions per plan, e.g. 5 (at least one each). */
  actionsPerPlan: number;
  /** Mean number of visits per household, e.g. 5 (Poisson). */
  visitsPerHousehold: number;
}

export interface CaseActivityContext {
  branchId: string;
  /** The workers the branch's households are shared between, evenly. */
  userIds: string[];
  /** Recorded as `assigned_by` and as the one who closed closed plans; default: nobody (null) and the worker. */
  managerId?: string | null;
}

/** What the filler needs of a better-sqlite3 database (the store's `sqlite` fits). */
export interface CaseActivityStore {
  prepare(sql: string): { run(...args: unknown[]): unknown; all(...args: unknown[]): unknown[] };
  transaction<T>(fn: () => T): () => T;
}

type Domain = 'employment' | 'training' | 'education' | 'health';
type ActionType = 'home_visit' | 'phone_call' | 'referral' | 'document' | 'training_enrolment' | 'job_placement' | 'health_appointment' | 'other';
type OutcomeCode = 'job_found' | 'training_started' | 'coverage_enrolled' | 'school_enrolled' | 'document_obtained' | 'other';

interface MemberRow {
  id: string;
  birth_date: string;
  employment: string | null;
  in_school: number | null;
  disability: number | null;
  chronic_illness: number | null;
  health_coverage: string | null;
}

const goals: Record<Domain, readonly string[]> = {
  employment: [
    'إيجاد عمل قار لرب الأسرة',
    'مواكبة البحث عن عمل عبر الوكالة الوطنية لإنعاش التشغيل',
    'دعم مشروع مدر للدخل في تربية الماشية',
    'الإدماج في ورش فلاحي موسمي',
    'إنشاء مقاولة ذاتية في الخياطة',
  ],
  training: [
    'التسجيل في تكوين مهني في الكهرباء',
    'تكوين في الخياطة والطرز بالتعاونية',
    'تكوين في الفلاحة والري بالتنقيط',
    'محو الأمية الوظيفية',
    'تكوين في الحلاقة والتجميل',
  ],
  education: [
    'إرجاع الطفل إلى المدرسة',
    'متابعة التمدرس والحد من الهدر المدرسي',
    'التسجيل في التعليم الأولي',
    'الاستفادة من برنامج تيسير والنقل المدرسي',
    'الدعم المدرسي للتلميذ',
  ],
  health: [
    'التسجيل في نظام أمو تضامن',
    'متابعة مرض مزمن بالمركز الصحي',
    'تتبع الحمل والتلقيح',
    'الحصول على بطاقة الإعاقة والأجهزة التعويضية',
    'فحص طبي خلال القافلة الطبية',
  ],
};

const steps: Record<Domain, readonly (readonly [ActionType, string, number])[]> = {
  employment: [
    ['job_placement', 'مقابلة عمل لدى مشغل محلي', 3],
    ['referral', 'توجيه إلى الوكالة الوطنية لإنعاش التشغيل', 3],
    ['document', 'إعداد السيرة الذاتية', 2],
    ['phone_call', 'اتصال لتتبع البحث عن عمل', 3],
    ['home_visit', 'زيارة منزلية للتتبع', 2],
  ],
  training: [
    ['training_enrolment', 'التسجيل في مركز التكوين المهني', 3],
    ['referral', 'توجيه إلى مركز التكوين', 2],
    ['document', 'جمع وثائق التسجيل', 2],
    ['phone_call', 'اتصال بالمتدرب', 3],
    ['home_visit', 'زيارة منزلية للتتبع', 1],
  ],
  education: [
    ['referral', 'توجيه إلى المدرسة', 3],
    ['document', 'استخراج عقد الازدياد', 2],
    ['home_visit', 'زيارة لإقناع الأسرة بالتمدرس', 3],
    ['phone_call', 'اتصال بإدارة المؤسسة', 2],
    ['other', 'توفير اللوازم المدرسية', 1],
  ],
  health: [
    ['health_appointment', 'موعد بالمركز الصحي', 4],
    ['referral', 'توجيه إلى المستشفى الإقليمي', 2],
    ['document', 'ملف التسجيل في أمو تضامن', 2],
    ['phone_call', 'تذكير بموعد الفحص', 2],
    ['home_visit', 'زيارة منزلية للتتبع', 1],
  ],
};

const mainOutcome: Record<Domain, OutcomeCode> = {
  employment: 'job_found',
  training: 'training_started',
  education: 'school_enrolled',
  health: 'coverage_enrolled',
};

const outcomeText: Record<OutcomeCode, string> = {
  job_found: 'حصل على عمل',
  training_started: 'بدأ التكوين',
  coverage_enrolled: 'تم التسجيل في التغطية الصحية',
  school_enrolled: 'تم تسجيل الطفل بالمدرسة',
  document_obtained: 'تم الحصول على الوثيقة',
  other: 'تم الإنجاز',
};
const plainOutcomes = ['حضر الموعد', 'تم الاتصال', 'تم تسليم الوثائق', 'في انتظار الجواب', 'تم الإنجاز'] as const;
const cancelReasons = ['ألغي: الأسرة غيرت مقر السكن', 'ألغي: لم يعد ضروريا', 'ألغي: تعذر الاتصال'] as const;

const visitNotes: Record<'home' | 'office' | 'phone' | 'caravan', readonly string[]> = {
  home: [
    'زيارة منزلية: الأسرة حاضرة، تم تحيين المعطيات',
    'رب الأسرة غائب، تم اللقاء بالزوجة',
    'الأطفال متمدرسون، لا جديد',
    'حالة السكن هشة، تحتاج الأسرة إلى دعم',
    'تم شرح برنامج الدعم المباشر للأسرة',
  ],
  office: ['حضور بالفرع لاستكمال الملف', 'طلب معلومات حول الدعم المباشر', 'تسليم نسخة من البطاقة الوطنية', 'شكاية حول تأخر الدعم'],
  phone: ['اتصال هاتفي: تذكير بالموعد', 'اتصال هاتفي: لا جواب', 'اتصال هاتفي: تأكيد الحضور', 'اتصال هاتفي: الهاتف مغلق'],
  caravan: ['القافلة الطبية: فحص عام', 'القافلة: توزيع اللوازم المدرسية', 'القافلة: حملة تحسيسية حول التلقيح', 'القافلة الطبية: قياس الضغط والسكري'],
};

/** A working-hours timestamp on that day. */
const timestamp = (random: Random, day: number): string => dayTimestamp(day, random.int(8 * 3600, 17 * 3600 + 3599));

const batchRows = 5000;

/**
 * Benchmark and demo filler: gives the branch's households workers (evenly, in contiguous
 * blocks by district then registry ref), follow-up plans with dated actions (some overdue, many
 * done with outcome codes) and visits with short Arabic notes.
 *
 * It writes DIRECTLY with prepared statements, in transactions of about 5,000 rows, and so on
 * purpose bypasses the services: no audit log, no change log (nothing to sync), no permission or
 * validation checks. Use it only on a benchmark or demo store, never on real data. Rows are
 * statistically the same for a given seed; their ids are fresh UUIDv7s on each run.
 */
export const generateCaseActivity = (
  sqlite: CaseActivityStore,
  context: CaseActivityContext,
  options: CaseActivityOptions,
): { plans: number; actions: number; visits: number } => {
  const workers = context.userIds;
  if (workers.length === 0) throw new RangeError('generateCaseActivity needs at least one worker.');
  const { branchId } = context;
  const managerId = context.managerId ?? null;
  const random = createRandom(deriveSeed(options.seed, 2));
  const today = dayNumber(options.today);

  const households = sqlite
    .prepare(
      `SELECT h.id FROM households h JOIN districts d ON d.id = h.district_id
       WHERE h.branch_id = ? AND h.deleted = 0 ORDER BY d.name, h.registry_ref, h.id`,
    )
    .all(branchId) as { id: string }[];
  const membersOf = sqlite.prepare(
    `SELECT id, birth_date, employment, in_school, disability, chronic_illness, health_coverage
     FROM members WHERE household_id = ? AND deleted = 0 ORDER BY registry_ref, id`,
  );
  const assign = sqlite.prepare('UPDATE households SET assigned_worker_id = ?, assigned_at = ?, assigned_by = ? WHERE id = ?');
  const insertPlan = sqlite.prepare(
    `INSERT INTO plans (id, branch_id, household_id, member_id, programme_id, domain, goals, status, created_by, created_at, updated_at,
       close_requested_by, close_requested_at, close_note, closed_by, closed_at, deleted)
     VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  const insertAction = sqlite.prepare(
    `INSERT INTO actions (id, branch_id, plan_id, household_id, type, title, due_date, assignee_id, status, outcome, outcome_code,
       completed_at, completed_by, recurrence_every, recurrence_unit, partner_id, partner_answer, partner_answer_date, created_at, updated_at, deleted)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?, 0)`,
  );
  const insertVisit = sqlite.prepare(
    'INSERT INTO visits (id, branch_id, household_id, user_id, type, visited_at, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );

  const pending: [{ run(...args: unknown[]): unknown }, unknown[]][] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    sqlite.transaction(() => {
      for (const [statement, args] of pending) statement.run(...args);
    })();
    pending.length = 0;
  };
  const write = (statement: { run(...args: unknown[]): unknown }, args: unknown[]): void => {
    pending.push([statement, args]);
    if (pending.length >= batchRows) flush();
  };

  // Workers get contiguous blocks of the district order; rows are then written in id order,
  // which keeps the household_id indexes appending instead of splitting pages all over.
  const workerOf = new Map(households.map(({ id }, index) => [id, workers[Math.floor((index * workers.length) / households.length)] as string]));
  const byId = households.map(({ id }) => id).sort();

  const counts = { plans: 0, actions: 0, visits: 0 };
  byId.forEach((householdId) => {
    const worker = workerOf.get(householdId) as string;
    // A few households were handed over this week: they show up as new assignments.
    const assignedDay = random.chance(0.02) ? today - random.int(0, 4) : today - random.int(550, 760);
    write(assign, [worker, timestamp(random, assignedDay), managerId, householdId]);

    const planCount = random.poisson(options.plansPerHousehold);
    if (planCount > 0) {
      const members = membersOf.all(householdId) as MemberRow[];
      const used = new Set<Domain>();
      for (let plan = 0; plan < planCount; plan += 1) {
        const written = writePlan(random, { branchId, householdId, worker, managerId, today, members, used, actionsPerPlan: options.actionsPerPlan }, write, {
          plan: insertPlan,
          action: insertAction,
        });
        counts.plans += 1;
        counts.actions += written;
      }
    }

    const visitCount = random.poisson(options.visitsPerHousehold);
    for (let visit = 0; visit < visitCount; visit += 1) {
      const type = random.weighted([
        ['home', 50],
        ['phone', 25],
        ['office', 15],
        ['caravan', 10],
      ] as const);
      const at = timestamp(random, today - random.int(1, 540));
      const userId = random.chance(0.9) ? worker : random.pick(workers);
      write(insertVisit, [uuidv7(), branchId, householdId, userId, type, at, random.pick(visitNotes[type]), at]);
      counts.visits += 1;
    }
  });
  flush();
  return counts;
};

interface PlanContext {
  branchId: string;
  householdId: string;
  worker: string;
  managerId: string | null;
  today: number;
  members: MemberRow[];
  used: Set<Domain>;
  actionsPerPlan: number;
}

const ageOn = (birthDate: string, today: number): number => Math.floor((today - dayNumber(birthDate)) / 365.2425);

/** Writes one plan with its actions; returns the number of actions. */
const writePlan = (
  random: Random,
  context: PlanContext,
  write: (statement: { run(...args: unknown[]): unknown }, args: unknown[]) => void,
  statements: { plan: { run(...args: unknown[]): unknown }; action: { run(...args: unknown[]): unknown } },
): number => {
  const { branchId, householdId, worker, today, members, used } = context;
  const aged = members.map((member) => ({ member, age: ageOn(member.birth_date, today) }));
  const unemployed = aged.filter(({ member, age }) => age >= 18 && age < 60 && member.employment === 'unemployed');
  const young = aged.filter(({ age }) => age >= 16 && age <= 35);
  const outOfSchool = aged.filter(({ member, age }) => age >= 6 && age <= 17 && member.in_school === 0);
  const pupils = aged.filter(({ age }) => age >= 4 && age <= 17);
  const unwell = aged.filter(({ member }) => member.chronic_illness === 1 || member.disability === 1 || member.health_coverage === 'none');

  const weight = (domain: Domain, value: number): readonly [Domain, number] => [domain, used.has(domain) && used.size < 4 ? 0 : value];
  const domain = random.weighted([
    weight('employment', 2 + (unemployed.length > 0 ? 6 : 0)),
    weight('training', 1.5 + (young.length > 0 ? 1.5 : 0)),
    weight('education', (pupils.length > 0 ? 1 : 0.2) + (outOfSchool.length > 0 ? 6 : 0)),
    weight('health', 2 + (unwell.length > 0 ? 4 : 0)),
  ]);
  used.add(domain);
  const targets = { employment: unemployed, training: young, education: outOfSchool.length > 0 ? outOfSchool : pupils, health: unwell }[domain];
  const member = targets.length > 0 && random.chance(0.75) ? random.pick(targets).member.id : null;

  const status = random.weighted([
    ['active', 72],
    ['draft', 8],
    ['closing', 5],
    ['closed', 15],
  ] as const);
  const createdDay = today - (status === 'draft' ? random.int(3, 30) : random.int(status === 'closed' ? 60 : 7, 540));
  const createdAt = timestamp(random, createdDay);
  const planId = uuidv7();

  // Due dates from the plan's start until two months ahead (a closed plan's all in the past).
  const actionCount = Math.max(1, random.poisson(context.actionsPerPlan));
  const lastDue = status === 'closed' ? today - random.int(10, 50) : today + 60;
  const dues = Array.from({ length: actionCount }, () => random.int(createdDay + 3, Math.max(createdDay + 3, lastDue))).sort((a, b) => a - b);

  let closeFields: unknown[] = [null, null, null, null, null];
  if (status === 'closing' || status === 'closed') {
    const closedDay = Math.min(today - 1, (dues[dues.length - 1] ?? createdDay) + random.int(1, 20));
    const requestedDay = Math.max(createdDay, closedDay - random.int(1, 10));
    closeFields =
      status === 'closed'
        ? [worker, timestamp(random, requestedDay), 'تحققت أهداف الخطة', context.managerId ?? worker, timestamp(random, closedDay)]
        : [worker, timestamp(random, Math.max(createdDay, today - random.int(1, 10))), 'في انتظار موافقة المدير', null, null];
  }
  const updatedAt = (closeFields[4] ?? closeFields[1] ?? createdAt) as string;
  write(statements.plan, [planId, branchId, householdId, member, domain, random.pick(goals[domain]), status, worker, createdAt, updatedAt, ...closeFields]);

  for (const due of dues) {
    const [type, title] = random.weighted(steps[domain].map(([type, title, weight]) => [[type, title] as const, weight] as const));
    let actionStatus: 'planned' | 'done' | 'cancelled' = 'planned';
    if (status === 'closed') actionStatus = random.chance(0.88) ? 'done' : 'cancelled';
    else if (status !== 'draft' && due < today) {
      // Old steps were mostly dealt with; recent ones are often still open (overdue).
      actionStatus = random.weighted([
        ['done', 72],
        ['cancelled', 6],
        ['planned', due < today - 60 ? 6 : 30],
      ] as const);
    }
    let outcome: string | null = null;
    let outcomeCode: OutcomeCode | null = null;
    let completedAt: string | null = null;
    let completedBy: string | null = null;
    if (actionStatus === 'done') {
      if (random.chance(0.55)) {
        outcomeCode = random.weighted([
          [mainOutcome[domain], 55],
          ['document_obtained', 20],
          ['other', 25],
        ] as const);
        outcome = outcomeText[outcomeCode];
      } else outcome = random.pick(plainOutcomes);
      completedAt = timestamp(random, Math.max(createdDay, Math.min(today - 1, due + random.int(-3, 5))));
      completedBy = worker;
    } else if (actionStatus === 'cancelled') outcome = random.pick(cancelReasons);
    const recurring = actionStatus === 'planned' && type === 'phone_call' && random.chance(0.15);
    write(statements.action, [
      uuidv7(),
      branchId,
      planId,
      householdId,
      type,
      title,
      dayIso(due),
      worker,
      actionStatus,
      outcome,
      outcomeCode,
      completedAt,
      completedBy,
      recurring ? 2 : null,
      recurring ? 'weeks' : null,
      createdAt,
      completedAt ?? createdAt,
    ]);
  }
  return dues.length;
};

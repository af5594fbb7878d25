import type { Enrollment, HistoryEntry, Household, Member, Programme, Visit } from '../../../shared/contract/index.ts';

/** A household as the fake stores it: the summary fields are computed from its members on each read. */
export type StoredHousehold = Omit<Household, 'headNameAr' | 'headNameLat' | 'districtName' | 'assignedWorkerName' | 'memberCount' | 'flags' | 'phone'> & {
  phoneOverride: string | null;
};

/** A history entry with the household it belongs to (the audit log's scope). */
export type SeededHistoryEntry = HistoryEntry & { householdId: string };

export const fakeProgrammes: Programme[] = [
  { id: 'programme-1', code: 'ASD', nameAr: 'الدعم الاجتماعي المباشر', nameFr: 'Aide sociale directe', nameEn: 'Direct social support', scoreThreshold: 9.32, active: true },
  { id: 'programme-2', code: 'AMOT', nameAr: 'أمو تضامن', nameFr: 'AMO Tadamon', nameEn: 'AMO Tadamon health coverage', scoreThreshold: 9.32, active: true },
  { id: 'programme-3', code: 'FOOD', nameAr: 'الدعم الغذائي', nameFr: 'Aide alimentaire', nameEn: 'Food support', scoreThreshold: null, active: true },
  { id: 'programme-4', code: 'TAYSSIR', nameAr: 'تيسير', nameFr: 'Tayssir', nameEn: 'Tayssir', scoreThreshold: 9.5, active: false },
];

const firstNames: [string, string, 'F' | 'M'][] = [
  ['فاطمة', 'Fatima', 'F'],
  ['محمد', 'Mohamed', 'M'],
  ['عائشة', 'Aicha', 'F'],
  ['الحسين', 'Lahcen', 'M'],
  ['زينب', 'Zineb', 'F'],
  ['إبراهيم', 'Brahim', 'M'],
  ['مريم', 'Meryem', 'F'],
  ['يوسف', 'Youssef', 'M'],
];
const lastNames: [string, string][] = [
  ['أوبلا', 'Oubella'],
  ['بنعلي', 'Benali'],
  ['أيت الحاج', 'Ait El Haj'],
  ['الإدريسي', 'El Idrissi'],
  ['أمزيان', 'Amziane'],
  ['بوزيد', 'Bouzid'],
];

const yearsAgo = (years: number, monthDay = '03-15') => `${new Date().getFullYear() - years}-${monthDay}`;

export const ageOf = (birthDate: string) => {
  const born = new Date(`${birthDate}T00:00:00`);
  const now = new Date();
  const age = now.getFullYear() - born.getFullYear();
  return now < new Date(now.getFullYear(), born.getMonth(), born.getDate()) ? age - 1 : age;
};

export const member = (householdId: string, index: number, fields: Partial<Member> & Pick<Member, 'firstNameAr' | 'lastNameAr' | 'sex' | 'birthDate' | 'relation'>): Member => ({
  id: `${householdId}-m${index}`,
  householdId,
  registryRef: `${householdId.toUpperCase()}-${index}`,
  nationalId: null,
  firstNameLat: null,
  lastNameLat: null,
  education: null,
  inSchool: null,
  employment: null,
  disability: null,
  chronicIllness: null,
  healthCoverage: 'amo_tadamon',
  source: 'registry',
  ...fields,
});

const household = (id: string, ref: string, districtId: string, score: number, workerId: string | null, extra: Partial<StoredHousehold> = {}): StoredHousehold => ({
  id,
  registryRef: ref,
  districtId,
  registryScore: score,
  assignedWorkerId: workerId,
  status: 'active',
  region: 'سوس ماسة',
  province: 'تيزنيت',
  locality: null,
  address: null,
  registryPhone: '0612345678',
  phoneOverride: null,
  notes: null,
  updatedAt: '2025-02-01T10:00:00.000Z',
  ...extra,
});

/** The three hand-written households tests refer to by name, then generated ones up to `count`. */
export const seed = (count: number) => {
  const households: StoredHousehold[] = [];
  const members: Member[] = [];
  if (count >= 1) {
    households.push(household('household-1', 'RSU-0001', 'district-1', 8.41, 'user-2', { locality: 'تافراوت', address: 'دوار أكرض' }));
    members.push(
      member('household-1', 1, {
        firstNameAr: 'فاطمة الزهراء',
        lastNameAr: 'أيت إبراهيم',
        firstNameLat: 'Fatima Zahra',
        lastNameLat: 'Ait Brahim',
        nationalId: 'JA123456',
        sex: 'F',
        birthDate: '1979-04-02',
        relation: 'head',
        employment: 'self_employed',
        education: 'primary',
      }),
      member('household-1', 2, { firstNameAr: 'أيوب', lastNameAr: 'أيت إبراهيم', firstNameLat: 'Ayoub', lastNameLat: 'Ait Brahim', sex: 'M', birthDate: yearsAgo(12), relation: 'child', inSchool: true, disability: true }),
      member('household-1', 3, { firstNameAr: 'سلمى', lastNameAr: 'أيت إبراهيم', sex: 'F', birthDate: yearsAgo(3), relation: 'child' }),
    );
  }
  if (count >= 2) {
    households.push(household('household-2', 'RSU-0002', 'district-2', 9.87, null, { registryPhone: null }));
    members.push(
      member('household-2', 1, {
        firstNameAr: 'محمد',
        lastNameAr: 'أوبلا',
        firstNameLat: 'Mohamed',
        lastNameLat: 'Oubella',
        nationalId: 'JB654321',
        sex: 'M',
        birthDate: '1960-11-20',
        relation: 'head',
        chronicIllness: true,
        healthCoverage: 'none',
        employment: 'inactive',
      }),
    );
  }
  if (count >= 3) {
    households.push(household('household-3', 'RSU-0003', 'district-1', 10.5, 'user-2', { status: 'closed' }));
    members.push(
      member('household-3', 1, { firstNameAr: 'خديجة', lastNameAr: 'بنعلي', firstNameLat: 'Khadija', lastNameLat: 'Benali', sex: 'F', birthDate: '1985-06-30', relation: 'head' }),
    );
  }
  for (let index = 4; index <= count; index++) {
    const id = `household-${index}`;
    const [firstAr, firstLat, sex] = firstNames[index % firstNames.length]!;
    const [lastAr, lastLat] = lastNames[(index * 7) % lastNames.length]!;
    const score = 8.6 + ((index * 37) % 300) / 100;
    households.push(household(id, `RSU-${String(index).padStart(4, '0')}`, index % 3 ? 'district-1' : 'district-2', score, index % 4 ? 'user-2' : null));
    members.push(
      member(id, 1, { firstNameAr: firstAr, lastNameAr: lastAr, firstNameLat: firstLat, lastNameLat: lastLat, sex, birthDate: yearsAgo(30 + (index % 30)), relation: 'head' }),
      member(id, 2, { firstNameAr: 'سعيد', lastNameAr: lastAr, sex: 'M', birthDate: yearsAgo(8 + (index % 10)), relation: 'child', inSchool: index % 5 !== 0 }),
    );
  }
  if (!households.length) return { households, members, enrollments: [], visits: [], history: [] };
  const enrollments: Enrollment[] = [
    { id: 'enrollment-1', householdId: 'household-1', memberId: null, programmeId: 'programme-1', status: 'active', startDate: '2024-01-01', endDate: null },
  ];
  const visits: Visit[] = [
    { id: 'visit-1', householdId: 'household-1', userId: 'user-2', userName: 'Youssef Ait Ali', type: 'home', visitedAt: '2025-01-12', notes: 'زيارة أولى: الأسرة تحتاج إلى تغطية صحية.' },
    { id: 'visit-2', householdId: 'household-1', userId: 'user-2', userName: 'Youssef Ait Ali', type: 'phone', visitedAt: '2025-02-03', notes: 'Rappel : apporter la CIN du fils.' },
  ];
  const history: SeededHistoryEntry[] = [
    { seq: 1, householdId: 'household-1', at: '2025-01-05T08:00:00.000Z', userName: null, action: 'create', entity: 'households', entityId: 'household-1', fields: ['registry_ref', 'registry_score', 'district_id'] },
  ];
  return { households, members, enrollments, visits, history };
};

import {
  ok,
  type ErrorShape,
  type EventName,
  type EventPayload,
  type ImportReport,
  type ParsedInput,
  type Result,
  type Role,
  type RowProblem,
  type SearchHit,
} from '../../../shared/contract/index.ts';

type FakeImportChannel = 'search:query' | 'import:run' | 'import:cancel';

interface FakeImportDeps {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** The refusal the core would give unless someone with one of these roles is signed in. */
  refuseUnless(...roles: Role[]): Result<never> | undefined;
  /** The names of the branch's districts, to tell which communes the import would add. */
  districtNames(): string[];
}

const requiredColumns = [
  'household_ref',
  'registry_score',
  'region',
  'province',
  'commune',
  'member_ref',
  'first_name_ar',
  'last_name_ar',
  'sex',
  'birth_date',
  'relation',
];
const relations = ['head', 'spouse', 'child', 'parent', 'sibling', 'other'];

/** Households the fake registry already holds, found by `search:query`. */
export const fakeSearchHits: SearchHit[] = [
  {
    householdId: 'household-1',
    registryRef: 'RSU-TIZ-0000001',
    memberId: 'member-1',
    nameAr: 'فاطمة أيت باها',
    nameLat: 'Fatima Ait Baha',
    nationalId: 'JA123456',
    relation: 'head',
    districtName: 'Tafraout',
    registryScore: 9.25,
  },
  {
    householdId: 'household-1',
    registryRef: 'RSU-TIZ-0000001',
    memberId: 'member-2',
    nameAr: 'محمد أيت باها',
    nameLat: 'Mohamed Ait Baha',
    nationalId: null,
    relation: 'child',
    districtName: 'Tafraout',
    registryScore: 9.25,
  },
  {
    householdId: 'household-2',
    registryRef: 'RSU-TIZ-0000002',
    memberId: 'member-3',
    nameAr: 'يوسف أوبلا',
    nameLat: 'Youssef Oubella',
    nationalId: 'JB654321',
    relation: 'head',
    districtName: 'Anzi',
    registryScore: 11.4,
  },
];

const refuse = (code: ErrorShape['code'], message: string, extra: Pick<ErrorShape, 'reason' | 'issues'> = {}): Result<never> => ({
  ok: false,
  error: { code, message, ...extra },
});

const decode = (dataBase64: string): string => {
  const binary = atob(dataBase64);
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
};

interface Stored {
  households: Map<string, string>;
  members: Map<string, string>;
}

/** Reads a small comma-separated extract (no quoting) the way the core would: a refusal for the whole file, or a report. */
const readExtract = (text: string, stored: Stored, knownDistricts: string[]) => {
  const [headerLine = '', ...lines] = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!headerLine.trim()) return refuse('validation', 'The file is empty.', { reason: 'empty-file' });
  const header = headerLine.split(',').map((cell) => cell.trim().toLowerCase());
  const missing = requiredColumns.filter((column) => !header.includes(column));
  if (missing.length) {
    const issues = missing.map((path) => ({ path, message: 'A required column is missing.' }));
    return refuse('validation', 'The header row does not match the registry extract format.', { reason: 'bad-header', issues });
  }
  const rejected: RowProblem[] = [];
  const households = new Map<string, { fingerprint: string; heads: number; lines: number[]; commune: string }>();
  const members = new Map<string, string>();
  const byNationalId = new Map<string, { memberRef: string; line: number }[]>();
  let rows = 0;
  lines.forEach((raw, index) => {
    const line = index + 2;
    if (!raw.trim()) return;
    rows += 1;
    const cells = raw.split(',');
    if (cells.length !== header.length) {
      rejected.push({ line, column: null, reason: 'bad-column-count', message: 'Wrong number of fields.' });
      return;
    }
    const cell = (column: string) => (cells[header.indexOf(column)] ?? '').trim();
    const problem = (column: string, reason: string) => rejected.push({ line, column, reason, message: `${column}: ${reason}` });
    const empty = requiredColumns.find((column) => !cell(column));
    if (empty) return problem(empty, 'required');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(cell('birth_date'))) return problem('birth_date', 'bad-date');
    if (!relations.includes(cell('relation'))) return problem('relation', 'bad-enum');
    const nationalId = cell('national_id');
    if (nationalId && !/^[A-Z]{1,2}\d{1,7}$/.test(nationalId)) return problem('national_id', 'bad-national-id');
    const ref = cell('household_ref');
    const draft = households.get(ref) ?? { fingerprint: '', heads: 0, lines: [], commune: cell('commune') };
    draft.fingerprint += raw;
    draft.heads += cell('relation') === 'head' ? 1 : 0;
    draft.lines.push(line);
    households.set(ref, draft);
    members.set(cell('member_ref'), raw);
    if (nationalId) byNationalId.set(nationalId, [...(byNationalId.get(nationalId) ?? []), { memberRef: cell('member_ref'), line }]);
  });
  for (const [ref, draft] of households) {
    if (draft.heads === 1) continue;
    for (const line of draft.lines) rejected.push({ line, column: 'relation', reason: draft.heads ? 'several-heads' : 'no-head', message: 'Heads.' });
    households.delete(ref);
  }
  const count = (entries: Map<string, string>, known: Map<string, string>) => {
    const counts = { created: 0, updated: 0, unchanged: 0 };
    for (const [key, value] of entries) {
      if (!known.has(key)) counts.created += 1;
      else if (known.get(key) !== value) counts.updated += 1;
      else counts.unchanged += 1;
    }
    return counts;
  };
  const householdPrints = new Map([...households].map(([ref, draft]) => [ref, draft.fingerprint]));
  const communes = new Set([...households.values()].map((draft) => draft.commune));
  const report: Omit<ImportReport, 'dryRun' | 'cancelled'> = {
    rows,
    households: count(householdPrints, stored.households),
    members: count(members, stored.members),
    districtsCreated: [...communes].filter((name) => !knownDistricts.includes(name)),
    rejected: rejected.sort((a, b) => a.line - b.line),
    warnings: [],
    possibleDuplicates: [...byNationalId]
      .filter(([, seen]) => new Set(seen.map((entry) => entry.memberRef)).size > 1)
      .map(([nationalId, seen]) => ({ nationalId, memberRefs: seen.map((entry) => entry.memberRef), lines: seen.map((entry) => entry.line) })),
  };
  return { report, householdPrints, members };
};

/** search:query, import:run and import:cancel for the fake window.api, with controls for tests. */
export const createFakeImport = ({ emit, refuseUnless, districtNames }: FakeImportDeps) => {
  let hits = [...fakeSearchHits];
  const stored: Stored = { households: new Map(), members: new Map() };
  let holding = false;
  let pending: { finish(): void; cancel(): void } | null = null;

  const run = (input: ParsedInput<'import:run'>): Result<unknown> => {
    if (input.source.kind !== 'content') return refuse('validation', 'The fake reads content only.', { reason: 'unreadable-file' });
    if (!/\.csv$/i.test(input.source.name)) return refuse('validation', 'Unsupported file.', { reason: 'unsupported-file' });
    const read = readExtract(decode(input.source.dataBase64), stored, districtNames());
    if ('ok' in read) return read;
    if (!input.dryRun) {
      for (const [ref, print] of read.householdPrints) stored.households.set(ref, print);
      for (const [ref, print] of read.members) stored.members.set(ref, print);
    }
    return ok({ dryRun: input.dryRun, cancelled: false, ...read.report } satisfies ImportReport);
  };

  const handlers: { [C in FakeImportChannel]: (input: ParsedInput<C>) => Result<unknown> | Promise<Result<unknown>> } = {
    'search:query': ({ query, limit }) => {
      const refusal = refuseUnless();
      if (refusal) return refusal;
      const needle = query.trim().toLowerCase();
      if (!needle) return ok([]);
      const found = hits.filter((hit) =>
        [hit.nameAr, hit.nameLat, hit.nationalId, hit.registryRef].some((field) => field?.toLowerCase().includes(needle)),
      );
      return ok(found.slice(0, limit));
    },
    'import:run': (input) => {
      const refusal = refuseUnless('admin');
      if (refusal) return refusal;
      if (pending) return refuse('conflict', 'An import is already running.', { reason: 'import-running' });
      if (!holding) return run(input);
      // Held: stays pending until the test finishes or cancels it, so it can emit progress meanwhile.
      return new Promise<Result<unknown>>((resolve) => {
        pending = {
          finish: () => resolve(run(input)),
          cancel: () => resolve(refuse('internal', 'The import was cancelled.', { reason: 'cancelled' })),
        };
      }).finally(() => {
        pending = null;
      });
    },
    'import:cancel': () => {
      const refusal = refuseUnless('admin');
      if (refusal) return refusal;
      pending?.cancel();
      return ok(null);
    },
  };

  const controls = {
    /** From now on, each import:run waits for `finish()` (or a cancel) before it answers. */
    hold: () => {
      holding = true;
    },
    /** Whether an import:run is waiting. */
    isRunning: () => pending !== null,
    /** Pushes an import:progress event, as the core does between batches. */
    progress: (payload: EventPayload<'import:progress'>) => emit('import:progress', payload),
    /** Answers the waiting import:run. */
    finish: () => pending?.finish(),
    /** Replaces what search:query finds. */
    setSearchHits: (next: SearchHit[]) => {
      hits = next;
    },
  };

  return { handlers, controls };
};

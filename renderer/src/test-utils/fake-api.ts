import {
  defaultSettings,
  ok,
  parseInput,
  type AppInfo,
  type Branch,
  type ChannelName,
  type District,
  type ErrorShape,
  type EventName,
  type EventPayload,
  type ParsedInput,
  type Partner,
  type Result,
  type Role,
  type SessionUser,
  type Settings,
  type User,
  type WindowApi,
} from '../../../shared/contract/index.ts';
import { createFakeBranch, type FakeBranchOptions } from './fake-branch.ts';
import { createFakeHouseholds, type FakeHouseholdsOptions } from './fake-households.ts';
import { createFakeImport } from './fake-import.ts';
import { createFakePlans, type FakePlansOptions } from './fake-plans.ts';
import { createFakeSync, type FakeSyncOptions } from './fake-sync.ts';

type Listener = (payload: unknown) => void;

export type FakeSessionState = 'setup' | 'locked' | 'unlocked';

export interface FakeSessionOptions {
  /** Where the device starts: first run, locked, or unlocked as the seeded user. Default: setup. */
  session?: FakeSessionState;
  /** The role of the seeded user `amina` (the one signed in when unlocked). Default: admin. */
  role?: Role;
  /** The branch's districts; two by default. */
  districts?: District[];
  /** Failed unlocks before a delay is imposed. Default: 5. */
  maxFailures?: number;
  /** The delay imposed after too many failures. Default: 30 s. */
  retryAfterMs?: number;
  /** Starts with an unlock delay already running (as after failures before a restart). */
  blockedForMs?: number;
  /** The households area (households, members, visits, documents, programmes, partners). */
  households?: FakeHouseholdsOptions;
  /** The branch view (load per worker, closures waiting, dashboard, eligibility rules). */
  branch?: FakeBranchOptions;
  /** Plans, actions and the queue. */
  plans?: FakePlansOptions;
  /** Sync with the branch server: status, history, devices, conflicts, bundles, joining. Default: no server. */
  sync?: FakeSyncOptions;
}

/** The seeded user's password and the branch's recovery code, for tests that unlock or recover. */
export const fakePassword = 'correct-horse-42';
export const fakeRecoveryCode = 'ABCD-EFGH-JKLM-NPQR';

type StoredUser = User & { password: string };

const refuse = (code: ErrorShape['code'], message: string, extra: Pick<ErrorShape, 'reason' | 'retryAfterMs' | 'issues'> = {}): Result<never> => ({
  ok: false,
  error: { code, message, ...extra },
});

const normaliseCode = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();

/** An in-memory window.api for component tests; validates every call against the real contract. */
export const createFakeApi = (initial: Partial<Settings> = {}, options: FakeSessionOptions = {}) => {
  let settings: Settings = { ...defaultSettings, ...initial };
  const listeners = new Map<string, Set<Listener>>();
  const calls: { channel: string; input: unknown }[] = [];
  const info: AppInfo = { version: '0.1.0', schemaVersion: 0, dataDir: '/data', locale: 'ar-MA' };
  const maxFailures = options.maxFailures ?? 5;
  const delayMs = options.retryAfterMs ?? 30_000;

  let state: FakeSessionState = options.session ?? 'setup';
  let branch: Branch = { id: 'branch-1', name: 'الفرع الجهوي لتزنيت' };
  let districts: District[] = options.districts ?? [
    { id: 'district-1', name: 'Tafraout', province: 'Tiznit' },
    { id: 'district-2', name: 'Anzi', province: null },
  ];
  let users: StoredUser[] =
    state === 'setup'
      ? []
      : [
          {
            id: 'user-1',
            username: 'amina',
            displayName: 'Amina El Idrissi',
            role: options.role ?? 'admin',
            districtIds: [],
            disabled: false,
            createdAt: '2025-01-06T09:00:00.000Z',
            password: fakePassword,
          },
          {
            id: 'user-2',
            username: 'youssef',
            displayName: 'Youssef Ait Ali',
            role: 'worker',
            districtIds: ['district-1'],
            disabled: false,
            createdAt: '2025-01-06T09:05:00.000Z',
            password: 'youssef-password',
          },
        ];
  if (state === 'setup') districts = [];
  let currentId: string | null = state === 'unlocked' ? 'user-1' : null;
  let failures = 0;
  let blockedUntil = options.blockedForMs ? Date.now() + options.blockedForMs : 0;
  let nextId = 10;

  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const publicUser = ({ password: _password, ...user }: StoredUser): User => user;
  const sessionUser = (user: StoredUser): SessionUser => ({
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    branchId: branch.id,
    districtIds: user.districtIds,
  });
  const me = () => users.find((user) => user.id === currentId);
  /** The signed-in user when they hold one of the roles, or the refusal the core would give. */
  const signedIn = (...roles: Role[]): StoredUser | Result<never> => {
    const user = me();
    if (state !== 'unlocked' || !user) return refuse('locked', 'The store is locked.');
    if (roles.length && !roles.includes(user.role)) return refuse('forbidden', 'Not allowed for this role.');
    return user;
  };
  const isRefusal = (value: StoredUser | Result<never>): value is Result<never> => 'ok' in value;
  /** A first run done (setup or join): the store holds this one user, signed in. */
  const openStoreAs = (user: StoredUser) => {
    users = [user];
    state = 'unlocked';
    currentId = user.id;
    emit('session:changed', { state: 'unlocked', reason: 'unlock' });
    return ok({ recoveryCode: fakeRecoveryCode, user: sessionUser(user), branch });
  };
  const lock = (reason: 'user' | 'idle' | 'restore') => {
    state = 'locked';
    currentId = null;
    emit('session:changed', { state: 'locked', reason });
  };

  const importer = createFakeImport({
    emit,
    refuseUnless: (...roles) => {
      const user = signedIn(...roles);
      return isRefusal(user) ? user : undefined;
    },
    districtNames: () => districts.map((district) => district.name),
  });

  const handlers: { [C in ChannelName]?: (input: ParsedInput<C>) => Result<unknown> | Promise<Result<unknown>> } = {
    ...importer.handlers,
    'app:info': () => ok(info),
    'settings:get': () => ok(settings),
    'settings:set': (input) => {
      settings = { ...settings, ...input };
      emit('settings:changed', settings);
      return ok(settings);
    },
    'session:status': () => {
      if (state === 'setup') return ok({ state: 'setup' });
      const user = me();
      if (state === 'unlocked' && user) return ok({ state: 'unlocked', user: sessionUser(user), branch });
      return ok({ state: 'locked', retryAfterMs: Math.max(0, blockedUntil - Date.now()) });
    },
    'session:setup': (input) => {
      if (state !== 'setup') return refuse('conflict', 'Already set up.', { reason: 'already-set-up' });
      branch = { id: 'branch-1', name: input.branchName };
      const admin: StoredUser = {
        id: 'user-1',
        username: input.adminUsername,
        displayName: input.adminDisplayName,
        role: 'admin',
        districtIds: [],
        disabled: false,
        createdAt: new Date().toISOString(),
        password: input.password,
      };
      return openStoreAs(admin);
    },
    'session:unlock': (input) => {
      if (state === 'setup') return refuse('not-found', 'No store.', { reason: 'store-missing' });
      const wait = blockedUntil - Date.now();
      if (wait > 0) return refuse('locked', 'Too many attempts.', { reason: 'rate-limited', retryAfterMs: wait });
      const user = users.find((candidate) => candidate.username === input.username);
      if (!user || user.password !== input.password) {
        failures += 1;
        if (failures >= maxFailures) {
          failures = 0;
          blockedUntil = Date.now() + delayMs;
          return refuse('locked', 'Too many attempts.', { reason: 'rate-limited', retryAfterMs: delayMs });
        }
        return refuse('locked', 'Wrong username or password.', { reason: 'wrong-password' });
      }
      if (user.disabled) return refuse('forbidden', 'Account disabled.', { reason: 'user-disabled' });
      failures = 0;
      state = 'unlocked';
      currentId = user.id;
      emit('session:changed', { state: 'unlocked', reason: 'unlock' });
      return ok({ user: sessionUser(user), branch });
    },
    'session:lock': () => {
      if (state === 'unlocked') lock('user');
      return ok(null);
    },
    'session:touch': () => {
      const user = signedIn();
      return isRefusal(user) ? user : ok(null);
    },
    'session:change-password': (input) => {
      const user = signedIn();
      if (isRefusal(user)) return user;
      if (user.password !== input.currentPassword) return refuse('locked', 'Wrong password.', { reason: 'wrong-password' });
      user.password = input.newPassword;
      return ok(null);
    },
    'session:recover': (input) => {
      if (state !== 'locked') return refuse('conflict', 'Not locked.');
      const user = users.find((candidate) => candidate.username === input.username);
      if (!user || normaliseCode(input.recoveryCode) !== normaliseCode(fakeRecoveryCode)) {
        return refuse('forbidden', 'Wrong recovery code.', { reason: 'wrong-recovery-code' });
      }
      user.password = input.newPassword;
      return ok(null);
    },
    'users:list': () => {
      const user = signedIn('admin', 'manager');
      return isRefusal(user) ? user : ok(users.map(publicUser));
    },
    'users:add': (input) => {
      const admin = signedIn('admin');
      if (isRefusal(admin)) return admin;
      if (users.some((user) => user.username === input.username)) {
        return refuse('conflict', 'Username taken.', { reason: 'username-taken', issues: [{ path: 'username', message: 'taken' }] });
      }
      const user: StoredUser = { ...input, id: `user-${nextId++}`, disabled: false, createdAt: new Date().toISOString() };
      users = [...users, user];
      return ok(publicUser(user));
    },
    'users:update': ({ id, ...changes }) => {
      const admin = signedIn('admin');
      if (isRefusal(admin)) return admin;
      const user = users.find((candidate) => candidate.id === id);
      if (!user) return refuse('not-found', 'No such user.');
      Object.assign(user, Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)));
      return ok(publicUser(user));
    },
    'users:set-password': (input) => {
      const admin = signedIn('admin');
      if (isRefusal(admin)) return admin;
      const user = users.find((candidate) => candidate.id === input.id);
      if (!user) return refuse('not-found', 'No such user.');
      user.password = input.password;
      return ok(null);
    },
    'districts:list': () => {
      const user = signedIn();
      return isRefusal(user) ? user : ok(districts);
    },
    'districts:add': (input) => {
      const admin = signedIn('admin');
      if (isRefusal(admin)) return admin;
      if (districts.some((district) => district.name === input.name)) {
        return refuse('conflict', 'District exists.', { reason: 'district-exists', issues: [{ path: 'name', message: 'taken' }] });
      }
      const district: District = { id: `district-${nextId++}`, name: input.name, province: input.province ?? null };
      districts = [...districts, district];
      return ok(district);
    },
  };

  const households = createFakeHouseholds(options.households ?? {}, {
    viewer: () => (state === 'unlocked' ? me() : undefined),
    districts: () => districts,
    users: () => users.map(publicUser),
  });
  const plans = createFakePlans(options.plans ?? {}, {
    viewer: () => (state === 'unlocked' ? me() : undefined),
    users: () => users.map(publicUser),
    household: (id) => households.household(id),
    members: (householdId) => households.members(householdId),
    partners: () => {
      const answer = households.handle('partners:list', undefined);
      return answer?.ok ? (answer.value as Partner[]) : [];
    },
  });
  const branchView = createFakeBranch(options.branch ?? {}, {
    viewer: () => (state === 'unlocked' ? me() : undefined),
    users: () => users.map(publicUser),
    households,
  });

  const sync = createFakeSync(options.sync ?? {}, {
    viewer: () => (state === 'unlocked' ? me() : undefined),
    emit,
    checkPassword: (password) => me()?.password === password,
    join: (input) => {
      if (state !== 'setup') return refuse('conflict', 'Already set up.', { reason: 'already-set-up' });
      if (input.username !== 'amina' || input.password !== fakePassword) return refuse('locked', 'Wrong username or password.', { reason: 'wrong-password' });
      branch = { id: 'branch-1', name: 'الفرع الجهوي لتزنيت' };
      districts = [{ id: 'district-1', name: 'Tafraout', province: 'Tiznit' }];
      const { username, password } = input;
      const createdAt = new Date().toISOString();
      const role = options.role ?? 'worker';
      return openStoreAs({ id: 'user-1', username, password, displayName: 'Amina El Idrissi', role, districtIds: ['district-1'], disabled: false, createdAt });
    },
  });

  const api: WindowApi = {
    async invoke(channel, input): Promise<Result<unknown>> {
      calls.push({ channel, input });
      const parsed = parseInput(channel, input);
      if (!parsed.ok) return parsed;
      const handler = handlers[parsed.value.channel] as ((input: unknown) => Result<unknown> | Promise<Result<unknown>>) | undefined;
      if (handler) return handler(parsed.value.input);
      const { channel: name, input: value } = parsed.value;
      return (
        sync.handle(name, value) ??
        plans.handle(name, value) ??
        branchView.handle(name, value) ??
        households.handle(name, value) ??
        refuse('not-found', `No fake for ${name}.`)
      );
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };

  return {
    api,
    calls,
    current: () => settings,
    session: () => state,
    users: () => users.map(publicUser),
    passwordOf: (username: string) => users.find((user) => user.username === username)?.password,
    /** The core's idle timer firing. */
    idleLock: () => lock('idle'),
    callsTo: (channel: string) => calls.filter((call) => call.channel === channel),
    /** Search and registry import: progress, hold/finish, search hits. */
    importer: importer.controls,
    /** Households, members, visits, documents, enrollments, programmes and partners. */
    households,
    /** The branch view: assignments made, closures waiting and decided, eligibility rules. */
    branch: branchView.controls,
    /** Plans, actions and the queue. */
    plans,
    /** Sync: the status and its event, held syncs, conflicts resolved, devices revoked. */
    sync: sync.controls,
  };
};

import {
  defaultSettings,
  fail,
  ok,
  parseInput,
  type AppInfo,
  type Result,
  type Settings,
  type WindowApi,
} from '../../../shared/contract/index.ts';

type Listener = (payload: unknown) => void;

/** An in-memory window.api for component tests; validates every call against the real contract. */
export const createFakeApi = (initial: Partial<Settings> = {}) => {
  let settings: Settings = { ...defaultSettings, ...initial };
  const listeners = new Map<string, Set<Listener>>();
  const calls: { channel: string; input: unknown }[] = [];
  const info: AppInfo = { version: '0.1.0', schemaVersion: 0, dataDir: '/data', locale: 'ar-MA' };

  const api: WindowApi = {
    async invoke(channel, input): Promise<Result<unknown>> {
      calls.push({ channel, input });
      const parsed = parseInput(channel, input);
      if (!parsed.ok) return parsed;
      switch (parsed.value.channel) {
        case 'app:info':
          return ok(info);
        case 'settings:get':
          return ok(settings);
        case 'settings:set':
          settings = { ...settings, ...(parsed.value.input as Partial<Settings>) };
          for (const listener of listeners.get('settings:changed') ?? []) listener(settings);
          return ok(settings);
        default:
          return fail('not-found', `No fake for ${parsed.value.channel}.`);
      }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  return { api, calls, current: () => settings };
};

import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { Branch, EventPayload, SessionStatus, SessionUser } from '../../../shared/contract/index.ts';
import { invoke, onEvent } from '../ipc/client.ts';

export const sessionKey = ['session'] as const;

/** Queries that survive a lock: they hold no case data. */
const keptWhenLocked = new Set(['settings', 'session']);

/** Whether this device needs setup, is locked or is unlocked, and by whom. */
export const useSession = () => useQuery({ queryKey: sessionKey, queryFn: () => invoke('session:status') });

/** The signed-in user, or undefined while locked. */
export const useSessionUser = (): SessionUser | undefined => {
  const { data } = useSession();
  return data?.state === 'unlocked' ? data.user : undefined;
};

/** Forgets every cached answer read from the store, so nothing of it stays on screen after a lock. */
export const forgetStoreData = (queryClient: QueryClient) =>
  queryClient.removeQueries({ predicate: (query) => !keptWhenLocked.has(String(query.queryKey[0])) });

type SessionChange = EventPayload<'session:changed'>;
export type LockReason = Exclude<SessionChange['reason'], 'unlock'>;

/** Follows the core's lock and unlock (user, idle delay, restore): drops store data on lock and re-reads the session. */
export const useSessionEvents = (onChange: (change: SessionChange) => void) => {
  const queryClient = useQueryClient();
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });
  useEffect(
    () =>
      onEvent('session:changed', (change) => {
        if (change.state === 'locked') {
          // Leave the app screens at once, before any of them refetches and meets a 'locked' error.
          const locked: SessionStatus = { state: 'locked', retryAfterMs: 0 };
          queryClient.setQueryData(sessionKey, locked);
          forgetStoreData(queryClient);
        }
        onChangeRef.current(change);
        void queryClient.invalidateQueries({ queryKey: sessionKey });
      }),
    [queryClient],
  );
};

/** Locks the store now; the screen follows at once, without waiting for the event. */
export const useLock = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => invoke('session:lock'),
    onSuccess: () => {
      forgetStoreData(queryClient);
      const locked: SessionStatus = { state: 'locked', retryAfterMs: 0 };
      queryClient.setQueryData(sessionKey, locked);
      void queryClient.invalidateQueries({ queryKey: sessionKey });
    },
  });
};

/** Stores a successful unlock as the current session, so the app opens without another round trip. */
export const useSetUnlocked = () => {
  const queryClient = useQueryClient();
  return ({ user, branch }: { user: SessionUser; branch: Branch }) => {
    const unlocked: SessionStatus = { state: 'unlocked', user, branch };
    queryClient.setQueryData(sessionKey, unlocked);
    void queryClient.invalidateQueries({ queryKey: sessionKey });
  };
};

const touchEvents = ['keydown', 'pointerdown', 'wheel'] as const;
export const touchIntervalMs = 30_000;

/** Tells the core the user is active (at most once per 30 s), so the idle lock waits. */
export const useActivityTouch = (enabled: boolean) => {
  const lastTouch = useRef(0);
  useEffect(() => {
    if (!enabled) return;
    const touch = () => {
      const now = Date.now();
      if (now - lastTouch.current < touchIntervalMs) return;
      lastTouch.current = now;
      // A failed touch needs no message: if the store locked meanwhile, session:changed says so.
      invoke('session:touch').catch(() => undefined);
    };
    for (const name of touchEvents) window.addEventListener(name, touch, { passive: true, capture: true });
    return () => {
      for (const name of touchEvents) window.removeEventListener(name, touch, { capture: true });
    };
  }, [enabled]);
};

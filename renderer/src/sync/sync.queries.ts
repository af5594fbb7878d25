import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ChannelInput, SyncStatus } from '../../../shared/contract/index.ts';
import { invoke, onEvent } from '../ipc/client.ts';

export const syncStatusKey = ['sync', 'status'] as const;
const historyKey = ['sync', 'history'] as const;
const devicesKey = ['sync', 'devices'] as const;
const conflictsKey = ['sync', 'conflicts'] as const;

// Device settings and the session are not touched by a sync; everything read from the store may be.
const untouched = new Set(['session', 'settings']);

/** Re-reads every answer a sync may have changed (households pulled, conflicts, history), but not the status itself. */
const refreshAfterSync = (queryClient: QueryClient) =>
  queryClient.invalidateQueries({
    predicate: (query) => !untouched.has(String(query.queryKey[0])) && !(query.queryKey[0] === 'sync' && query.queryKey[1] === 'status'),
  });

/** Whether a new status says a sync finished since the one on screen (new data may have come down). */
const finishedSince = (before: SyncStatus, after: SyncStatus) => before.cursor !== after.cursor || before.lastSyncAt !== after.lastSyncAt;

/** The sync state, read once and then kept live by the core's `sync:status` event. */
export const useSyncStatus = () => {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onEvent('sync:status', (status) => {
        const before = queryClient.getQueryData<SyncStatus>(syncStatusKey);
        queryClient.setQueryData(syncStatusKey, status);
        if (before && finishedSince(before, status)) void refreshAfterSync(queryClient);
        else if (before && before.openConflicts !== status.openConflicts) void queryClient.invalidateQueries({ queryKey: conflictsKey });
      }),
    [queryClient],
  );
  return useQuery({ queryKey: syncStatusKey, queryFn: () => invoke('sync:status') });
};

/** Pushes and pulls now; afterwards re-reads what may have changed. */
export const useSyncNow = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['sync', 'now'],
    mutationFn: () => invoke('sync:now'),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: syncStatusKey });
      void refreshAfterSync(queryClient);
    },
  });
};

/** Signs the current user in to the server again (after `needs-login`); the answer is the new status. */
export const useSyncLogin = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => invoke('sync:login', { password }),
    onSuccess: (status) => queryClient.setQueryData(syncStatusKey, status),
  });
};

/** Recent runs on this device and the changes the server refused. */
export const useSyncHistory = () => useQuery({ queryKey: historyKey, queryFn: () => invoke('sync:history') });

/** The branch's devices (admin; needs the server). */
export const useSyncDevices = () => useQuery({ queryKey: devicesKey, queryFn: () => invoke('sync:devices'), retry: false });

export const useRevokeDevice = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deviceId: string) => invoke('sync:revoke-device', { deviceId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: devicesKey }),
  });
};

export type ConflictFilter = 'open' | 'all';

/** The branch's conflicts (managers; needs the server). */
export const useSyncConflicts = (status: ConflictFilter) =>
  useQuery({ queryKey: [...conflictsKey, status], queryFn: () => invoke('sync:conflicts', { status }), retry: false });

/** Confirms the kept value or restores the one set aside; the list and the open count follow. */
export const useResolveConflict = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'sync:resolve-conflict'>) => invoke('sync:resolve-conflict', input),
    onSuccess: (_result, input) => {
      void queryClient.invalidateQueries({ queryKey: conflictsKey });
      void queryClient.invalidateQueries({ queryKey: syncStatusKey });
      // A restored value changes the record itself.
      if (input.keep === 'lost') void refreshAfterSync(queryClient);
    },
  });
};

/** Writes the waiting changes to a bundle file (for a USB stick). */
export const useBundleExport = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: string) => invoke('bundle:export', { file }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: syncStatusKey }),
  });
};

/** Applies the server's answer bundle; afterwards re-reads what it may have changed. */
export const useBundleImport = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: string) => invoke('bundle:import', { file }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: syncStatusKey });
      void refreshAfterSync(queryClient);
    },
  });
};

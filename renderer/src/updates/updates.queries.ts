import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { UpdateStatus } from '../../../shared/contract/index.ts';
import { invoke, onEvent } from '../ipc/client.ts';

export const updateStatusKey = ['updates', 'status'] as const;

/** The updater's state, read once and then kept live by the `updates:status` event. */
export const useUpdateStatus = () => {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onEvent('updates:status', (status) => {
        // A first read still on its way would otherwise land after this newer state and hide it.
        void queryClient.cancelQueries({ queryKey: updateStatusKey });
        queryClient.setQueryData(updateStatusKey, status);
      }),
    [queryClient],
  );
  return useQuery({ queryKey: updateStatusKey, queryFn: () => invoke('updates:status') });
};

/** Asks the branch server now; the answer is the new state. */
export const useCheckForUpdates = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => invoke('updates:check'),
    onSuccess: (status: UpdateStatus) => queryClient.setQueryData(updateStatusKey, status),
  });
};

/** Installs the downloaded update when the app quits; keeping unsynced changes must be explicit. */
export const useInstallUpdate = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (keepLocalChanges: boolean) => invoke('updates:install', { keepLocalChanges }),
    onSuccess: (status: UpdateStatus) => queryClient.setQueryData(updateStatusKey, status),
  });
};

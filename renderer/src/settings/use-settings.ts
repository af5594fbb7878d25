import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Settings } from '../../../shared/contract/index.ts';
import { invoke } from '../ipc/client.ts';

const settingsKey = ['settings'] as const;

/** The device settings from the core. */
export const useSettings = () => useQuery({ queryKey: settingsKey, queryFn: () => invoke('settings:get') });

/** Saves part of the settings; the cache takes the saved result so every screen follows. */
export const useSaveSettings = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<Settings>) => invoke('settings:set', patch),
    onSuccess: (settings) => queryClient.setQueryData(settingsKey, settings),
  });
};

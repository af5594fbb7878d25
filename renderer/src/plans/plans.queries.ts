import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../shared/contract/index.ts';
import { invoke } from '../ipc/client.ts';

/** Every cached answer about plans (per household); a write to a plan or an action refreshes them and the queue. */
const plansKey = ['plans'] as const;
export const queueKey = ['queue'] as const;

/** The plans of one household, with their actions. */
export const usePlans = (householdId: string) => useQuery({ queryKey: [...plansKey, householdId], queryFn: () => invoke('plans:list', { householdId }) });

/** What needs doing now for the signed-in user, most urgent first. */
export const useQueue = () => useQuery({ queryKey: queueKey, queryFn: () => invoke('queue:mine') });

/** Every programme's eligibility rule (the same cache as the branch screens). */
export const useEligibilityRules = () => useQuery({ queryKey: ['eligibility'], queryFn: () => invoke('eligibility:list'), staleTime: 5 * 60_000 });

/** The partner services a referral may go to. */
export const usePartners = () => useQuery({ queryKey: ['partners'], queryFn: () => invoke('partners:list'), staleTime: 5 * 60_000 });

/** Marks the queue as seen ("changed by someone else" starts again from now), then reads it again. */
export const useMarkQueueSeen = () => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: () => invoke('queue:seen'), onSuccess: () => queryClient.invalidateQueries({ queryKey: queueKey }) });
};

const usePlanWrite = <I, O>(call: (input: I) => Promise<O>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    // The household's history, the branch view and the dashboard count plans and actions too.
    onSuccess: () =>
      Promise.all([plansKey, queueKey, ['households'], ['branch'], ['dashboard']].map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
};

export const useCreatePlan = () => usePlanWrite((input: ChannelInput<'plans:create'>) => invoke('plans:create', input));
export const useUpdatePlan = () => usePlanWrite((input: ChannelInput<'plans:update'>) => invoke('plans:update', input));
export const useRequestClose = () => usePlanWrite((input: ChannelInput<'plans:request-close'>) => invoke('plans:request-close', input));
export const useDecideClose = () => usePlanWrite((input: ChannelInput<'plans:decide-close'>) => invoke('plans:decide-close', input));
export const useAddAction = () => usePlanWrite((input: ChannelInput<'actions:add'>) => invoke('actions:add', input));
export const useCompleteAction = () => usePlanWrite((input: ChannelInput<'actions:complete'>) => invoke('actions:complete', input));
export const useCancelAction = () => usePlanWrite((input: ChannelInput<'actions:cancel'>) => invoke('actions:cancel', input));

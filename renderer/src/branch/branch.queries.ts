import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput, HouseholdListInput, HouseholdSummary } from '../../../shared/contract/index.ts';
import { invoke } from '../ipc/client.ts';

const branchKey = ['branch'] as const;
const dashboardKey = ['dashboard'] as const;
const eligibilityKey = ['eligibility'] as const;
/** Caches an assignment or a closure decision changes: the lists, files, queues and plans other screens hold. */
const touchedByBranchWrites = [branchKey, dashboardKey, ['households'], ['queue'], ['plans']] as const;

/** The largest page `households:list` gives. */
const listPageLimit = 500;
/** The most households one `households:assign` call takes. */
const maxAssignable = 5000;

/** Unassigned households, load per worker and closures waiting (manager, admin). */
export const useBranchOverview = () => useQuery({ queryKey: branchKey, queryFn: () => invoke('branch:overview') });

/** Counts for the dashboard charts, in the caller's scope. */
export const useDashboardStats = () => useQuery({ queryKey: dashboardKey, queryFn: () => invoke('dashboard:stats') });

/** Every programme's eligibility rule. */
export const useEligibilityRules = () => useQuery({ queryKey: eligibilityKey, queryFn: () => invoke('eligibility:list') });

const useInvalidateBranch = () => {
  const queryClient = useQueryClient();
  return () => Promise.all(touchedByBranchWrites.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
};

/** Assigns listed households (any number, sent `maxAssignable` at a time), or everything of one worker, to a worker. */
const assignHouseholds = async ({ householdIds, ...input }: ChannelInput<'households:assign'>) => {
  if (!householdIds) return invoke('households:assign', input);
  let assigned = 0;
  for (let start = 0; start < householdIds.length; start += maxAssignable) {
    const result = await invoke('households:assign', { ...input, householdIds: householdIds.slice(start, start + maxAssignable) });
    assigned += result.assigned;
  }
  return { assigned };
};

/** Assigns listed households, or everything of one worker, to a worker; lists, overview and queues refresh after. */
export const useAssignHouseholds = () => {
  const invalidate = useInvalidateBranch();
  return useMutation({ mutationFn: assignHouseholds, onSuccess: invalidate });
};

/** Approves (closed) or refuses (back to active) a plan closure. */
export const useDecideClose = () => {
  const invalidate = useInvalidateBranch();
  return useMutation({ mutationFn: (input: ChannelInput<'plans:decide-close'>) => invoke('plans:decide-close', input), onSuccess: invalidate });
};

/** Saves one programme's eligibility rule (admin); queues recompute their missed benefits from it. */
export const useSetEligibility = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'eligibility:set'>) => invoke('eligibility:set', input),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: eligibilityKey }), queryClient.invalidateQueries({ queryKey: ['queue'] })]),
  });
};

/** Every household matching the filters, page after page (for an export or "select all"). */
export const fetchAllHouseholds = async (filters: Omit<HouseholdListInput, 'offset' | 'limit'>): Promise<HouseholdSummary[]> => {
  const rows: HouseholdSummary[] = [];
  for (;;) {
    const page = await invoke('households:list', { ...filters, offset: rows.length, limit: listPageLimit });
    rows.push(...page.rows);
    if (page.rows.length === 0 || rows.length >= page.total) return rows;
  }
};

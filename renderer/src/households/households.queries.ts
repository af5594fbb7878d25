import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput, HouseholdListInput } from '../../../shared/contract/index.ts';
import { invoke } from '../ipc/client.ts';

/** Every cached answer about households: lists, files, histories. A write to one file refreshes them all. */
const householdsKey = ['households'] as const;
const programmesKey = ['programmes'] as const;
const fileKey = (id: string) => [...householdsKey, 'file', id] as const;

/** Rows fetched per `households:list` call while scrolling. */
export const householdPageSize = 200;

type ListFilters = Omit<HouseholdListInput, 'offset' | 'limit'>;

/** The filtered, sorted list, one page of 200 at a time; `fetchNextPage` as the view nears the end. */
export const useHouseholdPages = (filters: ListFilters) =>
  useInfiniteQuery({
    queryKey: [...householdsKey, 'list', filters],
    queryFn: ({ pageParam }) => invoke('households:list', { ...filters, offset: pageParam, limit: householdPageSize }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((sum, page) => sum + page.rows.length, 0);
      return last.rows.length > 0 && loaded < last.total ? loaded : undefined;
    },
    placeholderData: keepPreviousData,
  });

/** A whole household file: header, members, enrollments, visits and document list. */
export const useHouseholdFile = (id: string) => useQuery({ queryKey: fileKey(id), queryFn: () => invoke('households:get', { id }) });

/** What changed in the file, newest first. */
export const useHouseholdHistory = (id: string) =>
  useQuery({ queryKey: [...householdsKey, 'history', id], queryFn: () => invoke('households:history', { id }) });

/** The branch's programmes (names in the three languages). */
export const useProgrammes = () => useQuery({ queryKey: programmesKey, queryFn: () => invoke('programmes:list'), staleTime: 5 * 60_000 });

/** A document's content, fetched only when someone opens it; not kept once closed. */
export const useDocumentContent = (id: string | null) =>
  useQuery({
    queryKey: ['documents', id],
    queryFn: () => invoke('documents:get', { id: id ?? '' }),
    enabled: id !== null,
    staleTime: Infinity,
    gcTime: 0,
  });

const useHouseholdWrite = <I, O>(call: (input: I) => Promise<O>) => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: call, onSuccess: () => queryClient.invalidateQueries({ queryKey: householdsKey }) });
};

export const useUpdateHousehold = () => useHouseholdWrite((input: ChannelInput<'households:update'>) => invoke('households:update', input));
export const useAddMember = () => useHouseholdWrite((input: ChannelInput<'members:add'>) => invoke('members:add', input));
export const useUpdateMember = () => useHouseholdWrite((input: ChannelInput<'members:update'>) => invoke('members:update', input));
export const useRemoveMember = () => useHouseholdWrite((input: ChannelInput<'members:remove'>) => invoke('members:remove', input));
export const useAddVisit = () => useHouseholdWrite((input: ChannelInput<'visits:add'>) => invoke('visits:add', input));
export const useAddDocument = () => useHouseholdWrite((input: ChannelInput<'documents:add'>) => invoke('documents:add', input));
export const useAddEnrollment = () => useHouseholdWrite((input: ChannelInput<'enrollments:add'>) => invoke('enrollments:add', input));
export const useUpdateEnrollment = () => useHouseholdWrite((input: ChannelInput<'enrollments:update'>) => invoke('enrollments:update', input));

/** The branch's districts (the same cache as the Users screen). */
export const useDistrictList = () => useQuery({ queryKey: ['districts'], queryFn: () => invoke('districts:list') });

/** The branch's accounts, for the assigned-worker filter; only managers and administrators may read them. */
export const useBranchUsers = (enabled: boolean) => useQuery({ queryKey: ['users'], queryFn: () => invoke('users:list'), enabled });

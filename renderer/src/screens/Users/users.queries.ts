import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/contract/index.ts';
import { invoke } from '../../ipc/client.ts';

const usersKey = ['users'] as const;
const districtsKey = ['districts'] as const;

/** Every account of the branch. */
export const useUsers = () => useQuery({ queryKey: usersKey, queryFn: () => invoke('users:list') });

/** The branch's districts. */
export const useDistricts = () => useQuery({ queryKey: districtsKey, queryFn: () => invoke('districts:list') });

const useInvalidating = <I, O>(call: (input: I) => Promise<O>, key: readonly string[]) => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: call, onSuccess: () => queryClient.invalidateQueries({ queryKey: key }) });
};

export const useAddUser = () => useInvalidating((input: ChannelInput<'users:add'>) => invoke('users:add', input), usersKey);

export const useUpdateUser = () => useInvalidating((input: ChannelInput<'users:update'>) => invoke('users:update', input), usersKey);

export const useSetUserPassword = () => useMutation({ mutationFn: (input: ChannelInput<'users:set-password'>) => invoke('users:set-password', input) });

export const useAddDistrict = () => useInvalidating((input: ChannelInput<'districts:add'>) => invoke('districts:add', input), districtsKey);

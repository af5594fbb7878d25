import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { invoke } from '../ipc/client.ts';

/** How many households one search shows; the contract allows up to 50. */
export const searchLimit = 20;

/** Households matching the query (names in Arabic or Latin, national ID, phone, registry ref); keeps the last hits while typing. */
export const useHouseholdSearch = (query: string) => {
  const trimmed = query.trim();
  return useQuery({
    queryKey: ['search', trimmed],
    queryFn: () => invoke('search:query', { query: trimmed, limit: searchLimit }),
    enabled: trimmed.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
};

import type { HouseholdListInput, HouseholdSummary } from '../../../shared/contract/index.ts';

type HouseholdStatus = HouseholdSummary['status'];
type HouseholdFlag = HouseholdSummary['flags'][number];
export type HouseholdSort = NonNullable<HouseholdListInput['sort']>;
export type SortDirection = NonNullable<HouseholdListInput['direction']>;

/** What the list screen filters and sorts by; `assignedWorkerId` may be 'unassigned'. */
export interface HouseholdFilters {
  districtIds: string[];
  statuses: HouseholdStatus[];
  assignedWorkerId: string | null;
  scoreMin: number | null;
  scoreMax: number | null;
  programmeId: string | null;
  flags: HouseholdFlag[];
  sort: HouseholdSort;
  direction: SortDirection;
}

export const householdSorts = ['score', 'ref', 'name', 'updated'] as const satisfies readonly HouseholdSort[];

export const defaultFilters: HouseholdFilters = {
  districtIds: [],
  statuses: [],
  assignedWorkerId: null,
  scoreMin: null,
  scoreMax: null,
  programmeId: null,
  flags: [],
  // Lowest score first: the poorest households are the ones to reach.
  sort: 'score',
  direction: 'asc',
};

/** Whether anything narrows the list (sorting does not). */
export const isFiltered = (filters: HouseholdFilters): boolean =>
  filters.districtIds.length > 0 ||
  filters.statuses.length > 0 ||
  filters.assignedWorkerId !== null ||
  filters.scoreMin !== null ||
  filters.scoreMax !== null ||
  filters.programmeId !== null ||
  filters.flags.length > 0;

/** The same filters with nothing narrowing, the sort kept. */
export const clearedFilters = (filters: HouseholdFilters): HouseholdFilters => ({ ...defaultFilters, sort: filters.sort, direction: filters.direction });

/** The `households:list` input for these filters (the page is added by the query). */
export const toListInput = (filters: HouseholdFilters): Omit<HouseholdListInput, 'offset' | 'limit'> => ({
  ...(filters.districtIds.length > 0 && { districtIds: filters.districtIds }),
  ...(filters.statuses.length > 0 && { statuses: filters.statuses }),
  ...(filters.assignedWorkerId !== null && { assignedWorkerId: filters.assignedWorkerId }),
  ...(filters.scoreMin !== null && { scoreMin: filters.scoreMin }),
  ...(filters.scoreMax !== null && { scoreMax: filters.scoreMax }),
  ...(filters.programmeId !== null && { programmeId: filters.programmeId }),
  ...(filters.flags.length > 0 && { flags: filters.flags }),
  sort: filters.sort,
  direction: filters.direction,
});

/** Where the list was left: filters, scroll position and highlighted row, so "back" from a file returns there. */
export interface HouseholdListPlace {
  /** Whose place it is: on a shared laptop the next person starts from the default list. */
  userId: string | null;
  filters: HouseholdFilters;
  scrollOffset: number;
  highlighted: number;
  /** Whether the place was left by opening a file (the list then takes the focus back). */
  openedFile: boolean;
}

const start: HouseholdListPlace = { userId: null, filters: defaultFilters, scrollOffset: 0, highlighted: 0, openedFile: false };

// Held in memory only, for this window's life: the list is where a worker returns after each file.
let place: HouseholdListPlace = start;

export const listPlace = (): HouseholdListPlace => place;

/** The signed-in user's place, or a fresh one when someone else left the last. */
export const listPlaceFor = (userId: string | undefined): HouseholdListPlace => {
  if (place.userId !== (userId ?? null)) place = { ...start, userId: userId ?? null };
  return place;
};

export const saveListPlace = (changes: Partial<Omit<HouseholdListPlace, 'userId'>>) => {
  place = { ...place, ...changes };
};

/** Back to the default list (tests). */
export const resetListPlace = () => {
  place = start;
};

import { ActionIcon, Button, Card, Chip, Group, MultiSelect, NumberInput, Select, Stack, Tooltip } from '@mantine/core';
import { IconArrowsSort, IconFilterOff, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { householdFlags, householdStatuses } from '../../../../shared/contract/index.ts';
import { householdSorts, isFiltered, type HouseholdFilters, type HouseholdSort } from '../../households/household-filters.ts';
import { useBranchUsers, useDistrictList, useProgrammes } from '../../households/households.queries.ts';
import { programmeName } from '../../households/labels.ts';
import { flagLooks } from './FlagBadges.tsx';

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);
const toScore = (value: number | string): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

interface HouseholdFilterBarProps {
  filters: HouseholdFilters;
  onChange(filters: HouseholdFilters): void;
  onClear(): void;
  /** Managers and administrators filter by assigned worker; workers see their own caseload anyway. */
  canFilterWorker: boolean;
}

/** District, status, worker, score range, programme and situation filters, and the sort. */
export function HouseholdFilterBar({ filters, onChange, onClear, canFilterWorker }: HouseholdFilterBarProps) {
  const { t, i18n } = useTranslation();
  const districts = useDistrictList();
  const programmes = useProgrammes();
  const users = useBranchUsers(canFilterWorker);
  const set = <K extends keyof HouseholdFilters>(key: K, value: HouseholdFilters[K]) => onChange({ ...filters, [key]: value });
  const rangeError = filters.scoreMin !== null && filters.scoreMax !== null && filters.scoreMin > filters.scoreMax;
  const workers = (users.data ?? []).filter((user) => !user.disabled);

  return (
    <Card withBorder padding="md" component="section" aria-label={t('households.filters.label')}>
      <Stack gap="sm">
        <Group align="flex-start" gap="sm">
          <MultiSelect
            label={t('households.filters.districts')}
            placeholder={filters.districtIds.length ? undefined : t('households.filters.allDistricts')}
            data={(districts.data ?? []).map((district) => ({ value: district.id, label: district.name }))}
            value={filters.districtIds}
            onChange={(value) => set('districtIds', value)}
            searchable
            clearable
            w={210}
          />
          <MultiSelect
            label={t('households.filters.statuses')}
            placeholder={filters.statuses.length ? undefined : t('households.filters.allStatuses')}
            data={householdStatuses.map((value) => ({ value, label: t(`vocab.householdStatus.${value}`) }))}
            value={filters.statuses}
            onChange={(value) => set('statuses', value.filter((status) => isOneOf(householdStatuses, status)))}
            clearable
            w={180}
          />
          {canFilterWorker && (
            <Select
              label={t('households.filters.worker')}
              placeholder={t('households.filters.anyone')}
              data={[
                { value: 'unassigned', label: t('households.unassigned') },
                ...workers.map((user) => ({ value: user.id, label: user.displayName })),
              ]}
              value={filters.assignedWorkerId}
              onChange={(value) => set('assignedWorkerId', value)}
              searchable
              clearable
              w={190}
            />
          )}
          <NumberInput
            label={t('households.filters.scoreMin')}
            value={filters.scoreMin ?? ''}
            onChange={(value) => set('scoreMin', toScore(value))}
            decimalScale={4}
            step={0.1}
            min={0}
            hideControls
            dir="ltr"
            w={104}
          />
          <NumberInput
            label={t('households.filters.scoreMax')}
            value={filters.scoreMax ?? ''}
            onChange={(value) => set('scoreMax', toScore(value))}
            decimalScale={4}
            step={0.1}
            min={0}
            hideControls
            dir="ltr"
            w={104}
            error={rangeError ? t('households.filters.scoreRangeInvalid') : undefined}
          />
          <Select
            label={t('households.filters.programme')}
            placeholder={t('households.filters.anyProgramme')}
            data={(programmes.data ?? []).map((programme) => ({ value: programme.id, label: programmeName(programme, i18n.language) }))}
            value={filters.programmeId}
            onChange={(value) => set('programmeId', value)}
            searchable
            clearable
            w={210}
          />
        </Group>
        <Group justify="space-between" align="center" gap="sm">
          <Chip.Group multiple value={filters.flags} onChange={(value) => set('flags', value.filter((flag) => isOneOf(householdFlags, flag)))}>
            <Group gap={6} role="group" aria-label={t('households.filters.flags')}>
              {householdFlags.map((flag) => {
                const { icon: FlagIcon, color } = flagLooks[flag];
                return (
                  <Chip key={flag} value={flag} size="sm" variant="light" color={color} icon={<FlagIcon size={14} />}>
                    {t(`vocab.flag.${flag}`)}
                  </Chip>
                );
              })}
            </Group>
          </Chip.Group>
          <Group gap="xs" wrap="nowrap">
            <Select
              aria-label={t('households.sort.label')}
              leftSection={<IconArrowsSort size={16} />}
              data={householdSorts.map((value) => ({ value, label: t(`households.sort.${value}`) }))}
              value={filters.sort}
              onChange={(value) => value && isOneOf<HouseholdSort>(householdSorts, value) && set('sort', value)}
              allowDeselect={false}
              w={220}
            />
            <Tooltip label={t(`households.sort.${filters.direction}`)} withArrow>
              <ActionIcon
                variant="default"
                size="lg"
                aria-label={t('households.sort.direction', { direction: t(`households.sort.${filters.direction}`) })}
                onClick={() => set('direction', filters.direction === 'asc' ? 'desc' : 'asc')}
              >
                {filters.direction === 'asc' ? <IconSortAscending size={18} /> : <IconSortDescending size={18} />}
              </ActionIcon>
            </Tooltip>
            {isFiltered(filters) && (
              <Button variant="subtle" leftSection={<IconFilterOff size={16} />} onClick={onClear}>
                {t('households.filters.clear')}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </Card>
  );
}

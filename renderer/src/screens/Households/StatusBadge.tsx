import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HouseholdSummary } from '../../../../shared/contract/index.ts';

const statusColors: Record<HouseholdSummary['status'], string> = { active: 'teal', closed: 'gray', transferred: 'blue' };

/** A household file's status: active, closed or transferred. */
export function StatusBadge({ status, size = 'sm' }: { status: HouseholdSummary['status']; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge size={size} variant="dot" tt="none" color={statusColors[status]}>
      {t(`vocab.householdStatus.${status}`)}
    </Badge>
  );
}

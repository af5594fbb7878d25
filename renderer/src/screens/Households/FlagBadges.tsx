import { Badge, Group, ThemeIcon, Tooltip } from '@mantine/core';
import { IconBabyCarriage, IconHeartbeat, IconSchoolOff, IconShieldOff, IconWheelchair, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { HouseholdSummary } from '../../../../shared/contract/index.ts';

type HouseholdFlag = HouseholdSummary['flags'][number];

/** One icon and colour per situation, the same in the list, the filters and the file header. */
export const flagLooks: Record<HouseholdFlag, { icon: Icon; color: string }> = {
  disability: { icon: IconWheelchair, color: 'violet' },
  chronic_illness: { icon: IconHeartbeat, color: 'red' },
  no_coverage: { icon: IconShieldOff, color: 'orange' },
  child_out_of_school: { icon: IconSchoolOff, color: 'yellow' },
  young_children: { icon: IconBabyCarriage, color: 'cyan' },
};

/** A household's situations: icons with a tooltip in the list (`compact`), labelled badges elsewhere. */
export function FlagBadges({ flags, compact = false }: { flags: readonly HouseholdFlag[]; compact?: boolean }) {
  const { t } = useTranslation();
  if (!flags.length) return null;
  return (
    <Group gap={4} wrap="nowrap">
      {flags.map((flag) => {
        const { icon: FlagIcon, color } = flagLooks[flag];
        return (
          <Tooltip key={flag} label={t(`vocab.flagHint.${flag}`)} withArrow openDelay={200}>
            {compact ? (
              <ThemeIcon size="sm" radius="xl" variant="light" color={color} role="img" aria-label={t(`vocab.flag.${flag}`)}>
                <FlagIcon size={14} stroke={1.8} />
              </ThemeIcon>
            ) : (
              <Badge variant="light" color={color} tt="none" leftSection={<FlagIcon size={14} stroke={1.8} />}>
                {t(`vocab.flag.${flag}`)}
              </Badge>
            )}
          </Tooltip>
        );
      })}
    </Group>
  );
}

import { Anchor, Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconCheck, IconClock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { SyncConflict } from '../../../../shared/contract/index.ts';
import { useDateFormat } from '../../households/use-date-format.ts';
import { householdFilePath } from '../../routes.ts';
import { whatLabel } from '../../sync/sync-labels.ts';

type Side = SyncConflict['kept'];
const statusColors: Record<SyncConflict['status'], string> = { open: 'orange', confirmed: 'teal', restored: 'blue' };

interface ConflictCardProps {
  conflict: SyncConflict;
  valueOf(table: string, field: string, value: unknown): string;
  /** Which decision is on its way for this conflict. */
  busy: 'kept' | 'lost' | null;
  /** A decision is on its way (for this conflict or another). */
  disabled: boolean;
  onKeep(): void;
  onRestore(): void;
}

/** One conflict: what it is about, the household, both values with their authors and times, and the two decisions. */
export function ConflictCard({ conflict, valueOf, busy, disabled, onKeep, onRestore }: ConflictCardProps) {
  const { t } = useTranslation();
  const what = whatLabel(t, conflict.table, conflict.field);
  const open = conflict.status === 'open';
  return (
    <Card withBorder padding="md" component="li" aria-label={t('sync.conflicts.itemLabel', { what })}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <div>
            <Text fw={600}>{what}</Text>
            {conflict.householdId && (
              <Anchor component={Link} href={householdFilePath(conflict.householdId)} size="sm">
                {t('sync.conflicts.openHousehold')}
              </Anchor>
            )}
          </div>
          <Badge variant="light" tt="none" color={statusColors[conflict.status]}>
            {t(`sync.conflicts.status.${conflict.status}`)}
          </Badge>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <SideView label={t('sync.conflicts.kept')} side={conflict.kept} value={valueOf(conflict.table, conflict.field, conflict.kept.value)} kept />
          <SideView label={t('sync.conflicts.lost')} side={conflict.lost} value={valueOf(conflict.table, conflict.field, conflict.lost.value)} />
        </SimpleGrid>
        {open && (
          <Group gap="sm" justify="flex-end">
            <Button
              color="teal"
              size="xs"
              leftSection={<IconCheck size={14} />}
              loading={busy === 'kept'}
              disabled={disabled && busy !== 'kept'}
              onClick={onKeep}
              aria-label={t('sync.conflicts.keepFor', { what })}
            >
              {t('sync.conflicts.keep')}
            </Button>
            <Button
              variant="light"
              color="orange"
              size="xs"
              leftSection={<IconArrowBackUp size={14} />}
              loading={busy === 'lost'}
              disabled={disabled && busy !== 'lost'}
              onClick={onRestore}
              aria-label={t('sync.conflicts.restoreFor', { what })}
            >
              {t('sync.conflicts.restore')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function SideView({ label, side, value, kept = false }: { label: string; side: Side; value: string; kept?: boolean }) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  return (
    <Paper withBorder p="sm" radius="sm" bg={kept ? 'var(--mantine-color-teal-light)' : undefined}>
      <Stack gap={4}>
        <Text size="xs" c="dimmed" fw={600}>
          {label}
        </Text>
        <Text fw={600} dir="auto" style={{ overflowWrap: 'anywhere' }} data-testid={kept ? 'conflict-kept' : 'conflict-lost'}>
          {value}
        </Text>
        <Text size="xs">{side.userName ? t('sync.conflicts.by', { name: side.userName }) : t('sync.conflicts.unknownAuthor')}</Text>
        <Tooltip label={t('sync.conflicts.deviceTimeHint')} withArrow multiline maw={260}>
          <Text size="xs" c="dimmed" w="fit-content">
            <IconClock size={12} style={{ verticalAlign: 'middle', marginInlineEnd: 4 }} />
            {side.deviceTime ? t('sync.conflicts.deviceTime', { when: dateTime(side.deviceTime) }) : t('sync.conflicts.noDeviceTime')}
          </Text>
        </Tooltip>
        <Text size="xs" c="dimmed">
          {t('sync.conflicts.serverTime', { when: dateTime(side.serverTime) })}
        </Text>
      </Stack>
    </Paper>
  );
}

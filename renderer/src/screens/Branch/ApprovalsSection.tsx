import { Anchor, Badge, Button, Card, EmptyState, Group, Spoiler, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconClipboardCheck, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ChannelOutput } from '../../../../shared/contract/index.ts';
import { useDecideClose } from '../../branch/branch.queries.ts';
import { domainColors } from '../../branch/labels.ts';
import { useDateFormat } from '../../households/use-date-format.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { householdFilePath } from '../../routes.ts';

type Closure = ChannelOutput<'branch:overview'>['closuresWaiting'][number];

/** Plans whose worker asked to close them: the manager approves (closed) or refuses (back to active). */
export function ApprovalsSection({ closures }: { closures: Closure[] }) {
  const { t } = useTranslation();
  const decide = useDecideClose();
  const deciding = decide.isPending ? decide.variables : null;

  const onDecide = (closure: Closure, approve: boolean) =>
    decide.mutate(
      { id: closure.id, approve },
      {
        onSuccess: () =>
          notifications.show({
            color: approve ? 'teal' : 'blue',
            message: t(approve ? 'branch.approvals.approved' : 'branch.approvals.refused', { head: closure.headNameAr ?? closure.householdRef ?? '' }),
          }),
        onError: (error) => notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorMessage(t, error) }),
      },
    );

  return (
    <Stack gap="md">
      <div>
        <Title order={3} size="h4">
          {t('branch.approvals.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('branch.approvals.intro')}
        </Text>
      </div>
      {closures.length === 0 ? (
        <EmptyState
          icon={<IconClipboardCheck size={28} />}
          withIndicatorBackground
          title={t('branch.approvals.empty.title')}
          description={t('branch.approvals.empty.body')}
          py="xl"
        />
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('branch.approvals.title')}>
          {closures.map((closure) => (
            <ClosureCard
              key={closure.id}
              closure={closure}
              busy={deciding?.id === closure.id ? (deciding.approve ? 'approve' : 'refuse') : null}
              disabled={deciding !== null}
              onDecide={(approve) => onDecide(closure, approve)}
            />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

interface ClosureCardProps {
  closure: Closure;
  /** Which decision is on its way for this plan. */
  busy: 'approve' | 'refuse' | null;
  /** A decision is on its way (for this plan or another). */
  disabled: boolean;
  onDecide(approve: boolean): void;
}

function ClosureCard({ closure, busy, disabled, onDecide }: ClosureCardProps) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  const head = closure.headNameAr ?? t('branch.households.noHead');
  return (
    <Card withBorder padding="md" component="li" aria-label={t('branch.approvals.itemLabel', { head })}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Group gap="xs">
              <Anchor component={Link} href={householdFilePath(closure.householdId)} fw={600}>
                {head}
              </Anchor>
              {closure.householdRef && (
                <Text size="sm" c="dimmed" ff="monospace">
                  <span dir="ltr">{closure.householdRef}</span>
                </Text>
              )}
              <Badge variant="light" tt="none" color={domainColors[closure.domain].split('.')[0]}>
                {t(`dashboard.domain.${closure.domain}`)}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              {[
                closure.memberName && t('branch.approvals.for', { name: closure.memberName }),
                closure.createdByName && t('branch.approvals.startedBy', { name: closure.createdByName }),
                closure.closeRequestedAt && t('branch.approvals.requestedAt', { when: dateTime(closure.closeRequestedAt) }),
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </div>
          <Group gap="xs" wrap="nowrap">
            <Button
              color="teal"
              size="xs"
              leftSection={<IconCheck size={14} />}
              loading={busy === 'approve'}
              disabled={disabled && busy !== 'approve'}
              onClick={() => onDecide(true)}
              aria-label={t('branch.approvals.approveFor', { head })}
            >
              {t('branch.approvals.approve')}
            </Button>
            <Button
              variant="default"
              size="xs"
              leftSection={<IconX size={14} />}
              loading={busy === 'refuse'}
              disabled={disabled && busy !== 'refuse'}
              onClick={() => onDecide(false)}
              aria-label={t('branch.approvals.refuseFor', { head })}
            >
              {t('branch.approvals.refuse')}
            </Button>
          </Group>
        </Group>
        <div>
          <Text size="xs" fw={600} c="dimmed">
            {t('branch.approvals.goals')}
          </Text>
          <Spoiler maxHeight={48} showLabel={t('branch.approvals.more')} hideLabel={t('branch.approvals.less')}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {closure.goals}
            </Text>
          </Spoiler>
        </div>
        <div>
          <Text size="xs" fw={600} c="dimmed">
            {t('branch.approvals.note')}
          </Text>
          <Text size="sm" c={closure.closeNote ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
            {closure.closeNote ?? t('branch.approvals.noNote')}
          </Text>
        </div>
      </Stack>
    </Card>
  );
}

import { Alert, Badge, Button, Card, Group, Loader, Modal, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBan } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device } from '../../../../shared/contract/index.ts';
import { useDateFormat } from '../../households/use-date-format.ts';
import { onlineErrorText } from '../../sync/online-error.ts';
import { useRevokeDevice, useSyncDevices } from '../../sync/sync.queries.ts';

/** The branch's devices (admin): who uses each, when it was last seen; a lost or stolen one is revoked after a clear warning. */
export function DevicesSection() {
  const { t } = useTranslation();
  const { dateTime, date } = useDateFormat();
  const devices = useSyncDevices();
  const [revoking, setRevoking] = useState<Device | null>(null);

  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <div>
          <Title order={3} size="h4">
            {t('sync.devices.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('sync.devices.intro')}
          </Text>
        </div>
        {devices.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {devices.isError && (
          <Group gap="sm" align="center">
            <Alert color="orange" flex={1}>
              {onlineErrorText(t, devices.error)}
            </Alert>
            <Button variant="light" onClick={() => void devices.refetch()}>
              {t('common.retry')}
            </Button>
          </Group>
        )}
        {devices.data?.length === 0 && <Text c="dimmed">{t('sync.devices.empty')}</Text>}
        {devices.data && devices.data.length > 0 && (
          <Table.ScrollContainer minWidth={720}>
            <Table highlightOnHover aria-label={t('sync.devices.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('sync.devices.columns.name')}</Table.Th>
                  <Table.Th>{t('sync.devices.columns.users')}</Table.Th>
                  <Table.Th>{t('sync.devices.columns.lastSeen')}</Table.Th>
                  <Table.Th>{t('sync.devices.columns.status')}</Table.Th>
                  <Table.Th>{t('sync.devices.columns.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {devices.data.map((device) => (
                  <Table.Tr key={device.id} aria-current={device.current ? 'true' : undefined}>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Text size="sm" fw={600}>
                          {device.name}
                        </Text>
                        {device.current && (
                          <Badge size="sm" variant="light" tt="none">
                            {t('sync.devices.current')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <span dir="ltr">{device.usernames.join(', ')}</span>
                    </Table.Td>
                    <Table.Td>{device.lastSeenAt ? dateTime(device.lastSeenAt) : t('sync.devices.never')}</Table.Td>
                    <Table.Td>
                      {device.revokedAt ? (
                        <Badge color="red" variant="light" tt="none">
                          {t('sync.devices.revokedOn', { date: date(device.revokedAt) })}
                        </Badge>
                      ) : (
                        <Badge color="teal" variant="light" tt="none">
                          {t('sync.devices.active')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {!device.revokedAt && <RevokeButton device={device} onRevoke={() => setRevoking(device)} />}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      {revoking && <RevokeModal device={revoking} onClose={() => setRevoking(null)} />}
    </Card>
  );
}

function RevokeButton({ device, onRevoke }: { device: Device; onRevoke(): void }) {
  const { t } = useTranslation();
  const button = (
    <Button
      size="xs"
      color="red"
      variant="light"
      leftSection={<IconBan size={14} />}
      disabled={device.current}
      onClick={onRevoke}
      aria-label={t('sync.devices.revokeFor', { name: device.name })}
    >
      {t('sync.devices.revoke')}
    </Button>
  );
  return device.current ? (
    <Tooltip label={t('sync.devices.cannotRevokeCurrent')} withArrow>
      <span>{button}</span>
    </Tooltip>
  ) : (
    button
  );
}

/** Says what revoking does (the device wipes its data at its next contact) before doing it. */
function RevokeModal({ device, onClose }: { device: Device; onClose(): void }) {
  const { t } = useTranslation();
  const revoke = useRevokeDevice();
  const confirm = () =>
    revoke.mutate(device.id, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('sync.devices.revoked', { name: device.name }) });
        onClose();
      },
    });
  return (
    <Modal opened onClose={onClose} title={t('sync.devices.confirmTitle', { name: device.name })} centered>
      <Stack gap="sm">
        <Text size="sm">{t('sync.devices.confirmBody', { name: device.name })}</Text>
        <Alert color="red" variant="light">
          {t('sync.devices.confirmWarning')}
        </Alert>
        {revoke.isError && (
          <Alert color="red" role="alert">
            {onlineErrorText(t, revoke.error)}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={revoke.isPending} onClick={confirm}>
            {t('sync.devices.confirmSubmit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

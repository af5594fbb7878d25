import { Alert, Badge, Button, Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { IconKey, IconPencil, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { District, User } from '../../../../shared/contract/index.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { canManageUsers, roleColors } from '../../session/roles.ts';
import { useSessionUser } from '../../session/use-session.ts';
import { DistrictsCard } from './DistrictsCard.tsx';
import { AddUserModal, EditUserModal, SetPasswordModal } from './UserFormModals.tsx';
import { useDistricts, useUsers } from './users.queries.ts';

type Dialog = { kind: 'add' } | { kind: 'edit'; user: User } | { kind: 'password'; user: User };

/** The branch's accounts and districts: the administrator manages them, the manager reads them. */
export function UsersScreen() {
  const { t } = useTranslation();
  const me = useSessionUser();
  const canManage = me ? canManageUsers(me.role) : false;
  const users = useUsers();
  const districts = useDistricts();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const districtList = districts.data ?? [];

  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('users.title')}</Title>
          <Text c="dimmed" size="sm">
            {canManage ? t('users.intro') : t('users.readOnly')}
          </Text>
        </div>
        {canManage && (
          <Button leftSection={<IconUserPlus size={18} />} onClick={() => setDialog({ kind: 'add' })}>
            {t('users.add')}
          </Button>
        )}
      </Group>
      <Card withBorder padding="lg" component="section" aria-label={t('users.title')}>
        {users.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {users.isError && <Alert color="red">{errorMessage(t, users.error)}</Alert>}
        {users.data && (
          <Stack gap="md">
            {canManage && users.data.length <= 1 && (
              <Alert color="blue" variant="light" title={t('users.onlyYouTitle')}>
                {t('users.onlyYou')}
              </Alert>
            )}
            <UsersTable
              users={users.data}
              districts={districtList}
              canManage={canManage}
              onEdit={(user) => setDialog({ kind: 'edit', user })}
              onSetPassword={(user) => setDialog({ kind: 'password', user })}
            />
          </Stack>
        )}
      </Card>
      <DistrictsCard districts={districts} canManage={canManage} />
      {canManage && (
        <>
          <AddUserModal opened={dialog?.kind === 'add'} onClose={close} districts={districtList} />
          <EditUserModal
            user={dialog?.kind === 'edit' ? dialog.user : null}
            isSelf={dialog?.kind === 'edit' && dialog.user.id === me?.id}
            districts={districtList}
            onClose={close}
          />
          <SetPasswordModal user={dialog?.kind === 'password' ? dialog.user : null} onClose={close} />
        </>
      )}
    </Stack>
  );
}

interface UsersTableProps {
  users: User[];
  districts: District[];
  canManage: boolean;
  onEdit(user: User): void;
  onSetPassword(user: User): void;
}

function UsersTable({ users, districts, canManage, onEdit, onSetPassword }: UsersTableProps) {
  const { t, i18n } = useTranslation();
  const names = new Map(districts.map((district) => [district.id, district.name]));
  const list = new Intl.ListFormat(i18n.language, { style: 'narrow', type: 'unit' });
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('users.columns.name')}</Table.Th>
            <Table.Th>{t('users.columns.username')}</Table.Th>
            <Table.Th>{t('users.columns.role')}</Table.Th>
            <Table.Th>{t('users.columns.districts')}</Table.Th>
            <Table.Th>{t('users.columns.status')}</Table.Th>
            {canManage && <Table.Th>{t('users.columns.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => {
            const districtNames = user.districtIds.flatMap((id) => names.get(id) ?? []);
            return (
              <Table.Tr key={user.id}>
                <Table.Td fw={500}>{user.displayName}</Table.Td>
                <Table.Td dir="ltr" ff="monospace">
                  {user.username}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" tt="none" color={roleColors[user.role]}>
                    {t(`roles.${user.role}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {districtNames.length ? (
                    list.format(districtNames)
                  ) : (
                    <Text size="sm" c={user.role === 'worker' ? 'orange' : 'dimmed'}>
                      {user.role === 'worker' ? t('users.noDistrict') : t('users.wholeBranch')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge variant="dot" tt="none" color={user.disabled ? 'gray' : 'teal'}>
                    {user.disabled ? t('users.status.disabled') : t('users.status.active')}
                  </Badge>
                </Table.Td>
                {canManage && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        leftSection={<IconPencil size={14} />}
                        onClick={() => onEdit(user)}
                        aria-label={t('users.editFor', { name: user.displayName })}
                      >
                        {t('users.edit')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        leftSection={<IconKey size={14} />}
                        onClick={() => onSetPassword(user)}
                        aria-label={t('users.passwordFor', { name: user.displayName })}
                      >
                        {t('users.setPassword')}
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

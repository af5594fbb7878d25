import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconHeartbeat, IconPencil, IconSchoolOff, IconTrash, IconUserPlus, IconWheelchair } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { relations, type Member } from '../../../../shared/contract/index.ts';
import { useRemoveMember } from '../../households/households.queries.ts';
import { memberNameAr, memberNameLat } from '../../households/labels.ts';
import { ageOn, useDateFormat } from '../../households/use-date-format.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { MemberFormModal, type MemberDialog } from './MemberFormModal.tsx';

/** Head first, then the others from the eldest. */
const byRelationThenAge = (a: Member, b: Member) =>
  Number(b.relation === 'head') - Number(a.relation === 'head') || relations.indexOf(a.relation) - relations.indexOf(b.relation) || a.birthDate.localeCompare(b.birthDate);

/** The household's members, with add, edit and remove. */
export function MembersTab({ householdId, members }: { householdId: string; members: Member[] }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<MemberDialog | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const sorted = [...members].sort(byRelationThenAge);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('members.title')}
        </Title>
        <Button leftSection={<IconUserPlus size={16} />} onClick={() => setDialog({ kind: 'add' })}>
          {t('members.add')}
        </Button>
      </Group>
      {sorted.length ? (
        <MembersTable members={sorted} onEdit={(member) => setDialog({ kind: 'edit', member })} onRemove={setRemoving} />
      ) : (
        <Text c="dimmed">{t('members.empty')}</Text>
      )}
      <MemberFormModal dialog={dialog} householdId={householdId} members={members} onClose={() => setDialog(null)} />
      <RemoveMemberModal member={removing} onClose={() => setRemoving(null)} />
    </Stack>
  );
}

function MembersTable({ members, onEdit, onRemove }: { members: Member[]; onEdit(member: Member): void; onRemove(member: Member): void }) {
  const { t } = useTranslation();
  const { date } = useDateFormat();
  const format = useNumberFormat();
  const label = (prefix: string, value: string | null) => (value === null ? '—' : t(`vocab.${prefix}.${value}`));
  return (
    <Table.ScrollContainer minWidth={1080}>
      <Table verticalSpacing="xs" highlightOnHover aria-label={t('members.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('members.columns.name')}</Table.Th>
            <Table.Th>{t('members.columns.relation')}</Table.Th>
            <Table.Th>{t('members.columns.birthDate')}</Table.Th>
            <Table.Th>{t('members.columns.nationalId')}</Table.Th>
            <Table.Th>{t('members.columns.education')}</Table.Th>
            <Table.Th>{t('members.columns.employment')}</Table.Th>
            <Table.Th>{t('members.columns.coverage')}</Table.Th>
            <Table.Th>{t('members.columns.situation')}</Table.Th>
            <Table.Th>{t('members.columns.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((member) => {
            const name = memberNameAr(member);
            const latin = memberNameLat(member);
            return (
              <Table.Tr key={member.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {name}
                  </Text>
                  {latin && (
                    <Text size="xs" c="dimmed">
                      <span dir="ltr">{latin}</span>
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {t(`vocab.relation.${member.relation}`)}
                  <Text size="xs" c="dimmed">
                    {t(`vocab.sex.${member.sex}`)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {date(member.birthDate)}
                  <Text size="xs" c="dimmed">
                    {t('members.age', { age: format(ageOn(member.birthDate)) })}
                  </Text>
                </Table.Td>
                <Table.Td ff="monospace">{member.nationalId ? <span dir="ltr">{member.nationalId}</span> : <Text span c="dimmed">—</Text>}</Table.Td>
                <Table.Td>{label('education', member.education)}</Table.Td>
                <Table.Td>{label('employment', member.employment)}</Table.Td>
                <Table.Td>{label('coverage', member.healthCoverage)}</Table.Td>
                <Table.Td>
                  <MemberSituation member={member} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-sm" variant="subtle" leftSection={<IconPencil size={14} />} onClick={() => onEdit(member)} aria-label={t('members.editFor', { name })}>
                      {t('members.edit')}
                    </Button>
                    <Button size="compact-sm" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => onRemove(member)} aria-label={t('members.removeFor', { name })}>
                      {t('members.remove')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** What the worker should know at a glance: disability, chronic illness, a school-age child out of school, and who recorded the member. */
function MemberSituation({ member }: { member: Member }) {
  const { t } = useTranslation();
  const age = ageOn(member.birthDate);
  const signs = [
    ...(member.disability ? [{ key: 'disability', icon: IconWheelchair, color: 'violet', label: t('vocab.flag.disability') }] : []),
    ...(member.chronicIllness ? [{ key: 'chronic', icon: IconHeartbeat, color: 'red', label: t('vocab.flag.chronic_illness') }] : []),
    ...(member.inSchool === false && age >= 6 && age < 16
      ? [{ key: 'school', icon: IconSchoolOff, color: 'yellow', label: t('vocab.flag.child_out_of_school') }]
      : []),
  ];
  return (
    <Group gap={4} wrap="nowrap">
      {signs.map(({ key, icon: SignIcon, color, label }) => (
        <Tooltip key={key} label={label} withArrow>
          <Badge variant="light" color={color} size="sm" circle role="img" aria-label={label}>
            <SignIcon size={12} />
          </Badge>
        </Tooltip>
      ))}
      {member.source === 'worker' && (
        <Badge variant="outline" color="gray" size="sm" tt="none">
          {t('members.source.worker')}
        </Badge>
      )}
    </Group>
  );
}

function RemoveMemberModal({ member, onClose }: { member: Member | null; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={member !== null} onClose={onClose} title={t('members.removeTitle')}>
      {member && <RemoveMember key={member.id} member={member} onDone={onClose} />}
    </Modal>
  );
}

function RemoveMember({ member, onDone }: { member: Member; onDone(): void }) {
  const { t } = useTranslation();
  const remove = useRemoveMember();
  const name = memberNameAr(member);
  const confirm = () =>
    remove.mutate(
      { id: member.id },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('members.removed', { name }) });
          onDone();
        },
      },
    );
  return (
    <Stack gap="md">
      <Text>{t('members.removeConfirm', { name })}</Text>
      {remove.isError && (
        <Alert color="red" role="alert">
          {errorMessage(t, remove.error)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button color="red" leftSection={<IconTrash size={16} />} loading={remove.isPending} onClick={confirm}>
          {t('members.removeSubmit')}
        </Button>
      </Group>
    </Stack>
  );
}

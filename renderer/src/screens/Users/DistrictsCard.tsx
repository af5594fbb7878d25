import { Alert, Button, Card, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconMapPinPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { District } from '../../../../shared/contract/index.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { fieldErrorsOf } from '../../session/account-rules.ts';
import { useAddDistrict, type useDistricts } from './users.queries.ts';

/** The communes and circles the branch covers; the administrator adds them. */
export function DistrictsCard({ districts, canManage }: { districts: ReturnType<typeof useDistricts>; canManage: boolean }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="districts-title">
      <Stack gap="md">
        <div>
          <Title order={3} size="h4" id="districts-title">
            {t('districts.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('districts.intro')}
          </Text>
        </div>
        {districts.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {districts.isError && <Alert color="red">{errorMessage(t, districts.error)}</Alert>}
        {districts.data && <DistrictList districts={districts.data} canManage={canManage} />}
        {canManage && <AddDistrictForm />}
      </Stack>
    </Card>
  );
}

function DistrictList({ districts, canManage }: { districts: District[]; canManage: boolean }) {
  const { t } = useTranslation();
  if (!districts.length) {
    return (
      <Alert color="blue" variant="light" title={t('districts.emptyTitle')}>
        {canManage ? t('districts.emptyAdmin') : t('districts.emptyReader')}
      </Alert>
    );
  }
  return (
    <Table striped withTableBorder={false} aria-labelledby="districts-title">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('districts.name')}</Table.Th>
          <Table.Th>{t('districts.province')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {districts.map((district) => (
          <Table.Tr key={district.id}>
            <Table.Td>{district.name}</Table.Td>
            <Table.Td c={district.province ? undefined : 'dimmed'}>{district.province ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function AddDistrictForm() {
  const { t } = useTranslation();
  const add = useAddDistrict();
  const form = useForm({
    initialValues: { name: '', province: '' },
    validate: {
      name: (value) => (value.trim().length >= 2 ? null : t('districts.nameInvalid')),
      province: (value) => (!value.trim() || value.trim().length >= 2 ? null : t('districts.nameInvalid')),
    },
  });
  const submit = form.onSubmit((values) =>
    add.mutate(
      { name: values.name.trim(), ...(values.province.trim() && { province: values.province.trim() }) },
      {
        onSuccess: (district) => {
          notifications.show({ color: 'teal', message: t('districts.added', { name: district.name }) });
          form.reset();
        },
        onError: (error) => form.setErrors(fieldErrorsOf(t, error, ['name', 'province'])),
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate aria-label={t('districts.addTitle')}>
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('districts.addTitle')}
        </Text>
        <Group align="flex-end" gap="sm">
          <TextInput label={t('districts.name')} w={240} {...form.getInputProps('name')} />
          <TextInput label={t('districts.provinceOptional')} w={240} {...form.getInputProps('province')} />
          <Button type="submit" leftSection={<IconMapPinPlus size={16} />} loading={add.isPending}>
            {t('districts.add')}
          </Button>
        </Group>
        {add.isError && (
          <Alert color="red" role="alert">
            {errorMessage(t, add.error)}
          </Alert>
        )}
      </Stack>
    </form>
  );
}

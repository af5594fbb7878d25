import { Alert, Button, Modal, Stack, Table, Text } from '@mantine/core';
import { IconSparkles } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n/error-message.ts';
import { invoke } from '../../ipc/client.ts';

/**
 * Fills an empty branch with generated demonstration households (admin), and shows once the
 * demonstration accounts with their passwords so a new user can try each role.
 */
export function DemoDataButton() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const populate = useMutation({
    mutationFn: () => invoke('demo:populate', { households: 400 }),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
  return (
    <>
      <Button variant="default" leftSection={<IconSparkles size={16} />} loading={populate.isPending} onClick={() => populate.mutate()}>
        {t('households.demo.button')}
      </Button>
      {populate.isError && (
        <Alert color="red" mt="sm">
          {errorMessage(t, populate.error)}
        </Alert>
      )}
      <Modal opened={populate.isSuccess} onClose={() => populate.reset()} title={t('households.demo.title')} size="lg">
        <Stack>
          <Text size="sm">{t('households.demo.done', { count: populate.data?.households ?? 0 })}</Text>
          <Alert color="orange">{t('households.demo.warning')}</Alert>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('households.demo.name')}</Table.Th>
                <Table.Th>{t('households.demo.username')}</Table.Th>
                <Table.Th>{t('households.demo.password')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {populate.data?.accounts.map((account) => (
                <Table.Tr key={account.username}>
                  <Table.Td>
                    {account.displayName} ({t(`roles.${account.role}`)})
                  </Table.Td>
                  <Table.Td dir="ltr">{account.username}</Table.Td>
                  <Table.Td dir="ltr">{account.password}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Button onClick={() => populate.reset()}>{t('households.demo.close')}</Button>
        </Stack>
      </Modal>
    </>
  );
}

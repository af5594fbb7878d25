import { Alert, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../../../shared/contract/index.ts';
import { useHouseholdHistory } from '../../households/households.queries.ts';
import { useDateFormat } from '../../households/use-date-format.ts';
import { errorMessage } from '../../i18n/error-message.ts';

/** The audit log names tables and columns (`members`, `phone_override`); the labels use the contract's names. */
const camelCase = (value: string) => value.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
const tableName = (entity: string) => (entity.endsWith('s') ? entity : `${entity}s`);

/** What changed in the file, newest first, from the audit log: when, who, what, and which fields (never their values). */
export function HistoryTab({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const history = useHouseholdHistory(householdId);
  return (
    <Stack gap="md">
      <Title order={3} size="h4">
        {t('history.title')}
      </Title>
      {history.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {history.isError && <Alert color="red">{errorMessage(t, history.error)}</Alert>}
      {history.data && (history.data.length ? <HistoryTable entries={history.data} /> : <Text c="dimmed">{t('history.empty')}</Text>)}
    </Stack>
  );
}

function HistoryTable({ entries }: { entries: HistoryEntry[] }) {
  const { t, i18n } = useTranslation();
  const { dateTime } = useDateFormat();
  const list = new Intl.ListFormat(i18n.language, { style: 'narrow', type: 'conjunction' });
  const fieldLabel = (field: string) => t(`history.fields.${camelCase(field)}`, { defaultValue: field });
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" striped aria-label={t('history.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('history.columns.at')}</Table.Th>
            <Table.Th>{t('history.columns.who')}</Table.Th>
            <Table.Th>{t('history.columns.action')}</Table.Th>
            <Table.Th>{t('history.columns.fields')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.seq}>
              <Table.Td>{dateTime(entry.at)}</Table.Td>
              <Table.Td c={entry.userName ? undefined : 'dimmed'}>{entry.userName ?? t('history.system')}</Table.Td>
              <Table.Td>
                <Text span size="sm" fw={500}>
                  {t(`history.entities.${tableName(entry.entity)}`, { defaultValue: entry.entity })}
                </Text>
                {' · '}
                {t(`history.actions.${entry.action}`, { defaultValue: entry.action })}
              </Table.Td>
              <Table.Td>{entry.fields.length ? list.format(entry.fields.map(fieldLabel)) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

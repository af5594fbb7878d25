import { Group, Pagination, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RowProblem } from '../../../../shared/contract/index.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import classes from './ImportScreen.module.css';
import { reasonText } from './import-file.ts';

/** Rows shown at a time: an extract of tens of thousands of rows may reject thousands. */
export const problemsPageSize = 50;

/** Rejected rows or warnings, line by line with the column and the translated reason, 50 to a page. */
export function ProblemsTable({ problems, label }: { problems: RowProblem[]; label: string }) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(problems.length / problemsPageSize));
  const current = Math.min(page, pages);
  const first = (current - 1) * problemsPageSize;
  const shown = problems.slice(first, first + problemsPageSize);
  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={560}>
        <Table striped verticalSpacing="xs" aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={90}>{t('import.problems.line')}</Table.Th>
              <Table.Th w={180}>{t('import.problems.column')}</Table.Th>
              <Table.Th>{t('import.problems.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((problem, index) => (
              <Table.Tr key={`${first + index}-${problem.line}`}>
                <Table.Td className={classes.count}>{format(problem.line)}</Table.Td>
                <Table.Td>
                  {problem.column ? (
                    <Text span size="sm" dir="ltr" ff="monospace" className={classes.columnName}>
                      {problem.column}
                    </Text>
                  ) : (
                    <Text span size="sm" c="dimmed">
                      {t('import.problems.wholeRow')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{reasonText(t, problem.reason)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages > 1 && (
        <Group justify="space-between" gap="sm">
          <Text size="sm" c="dimmed">
            {t('import.problems.showing', {
              from: format(first + 1),
              to: format(first + shown.length),
              total: format(problems.length),
            })}
          </Text>
          <Pagination
            total={pages}
            value={current}
            onChange={setPage}
            size="sm"
            aria-label={t('import.problems.pages')}
            getControlProps={(control) => ({ 'aria-label': t(`import.problems.page.${control}`) })}
            getItemProps={(number) => ({ 'aria-label': t('import.problems.page.number', { page: format(number) }) })}
          />
        </Group>
      )}
    </Stack>
  );
}

import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useDistrictList } from '../../households/households.queries.ts';
import { useDateFormat } from '../../households/use-date-format.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { useUsers } from '../Users/users.queries.ts';

/** Fields whose value names a user: shown by the user's name. */
const userFields = new Set(['assigned_worker_id', 'assignee_id', 'assigned_by', 'closed_by', 'created_by', 'completed_by', 'close_requested_by', 'user_id']);
/** 0/1 fields, shown as yes or no. */
const flagFields = new Set(['active', 'in_school', 'disability', 'chronic_illness']);
/** Fields holding one of a closed list, with the i18n keys of its values. */
const enumKeys: Record<string, string> = {
  'households.status': 'vocab.householdStatus',
  'plans.status': 'plans.status',
  'plans.domain': 'plans.domain',
  'actions.status': 'actions.status',
  'enrollments.status': 'vocab.enrollmentStatus',
  'members.relation': 'vocab.relation',
  'members.sex': 'vocab.sex',
  'members.education': 'vocab.education',
  'members.employment': 'vocab.employment',
  'members.health_coverage': 'vocab.coverage',
  'visits.type': 'vocab.visitType',
};
const plainValue = /^[A-Za-z0-9_-]+$/;

/** Shows a conflicting value in the user's words: names for users and districts, labels for closed lists, dates and numbers formatted. */
export const useConflictValue = () => {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const { date, dateTime } = useDateFormat();
  const users = useUsers();
  const districts = useDistrictList();
  return useCallback(
    (table: string, field: string, value: unknown): string => {
      if (value === null || value === undefined || value === '') return t('sync.conflicts.empty');
      if (field === 'deleted') return value ? t('sync.conflicts.removed') : t('sync.conflicts.no');
      if (flagFields.has(field) && (value === 0 || value === 1)) return t(value ? 'sync.conflicts.yes' : 'sync.conflicts.no');
      if (typeof value === 'number') return format(value);
      if (typeof value !== 'string') return JSON.stringify(value);
      if (userFields.has(field)) return users.data?.find((user) => user.id === value)?.displayName ?? value;
      if (field === 'district_id') return districts.data?.find((district) => district.id === value)?.name ?? value;
      const list = enumKeys[`${table}.${field}`];
      if (list && plainValue.test(value)) return t(`${list}.${value}`, { defaultValue: value });
      if (field.endsWith('_date') && /^\d{4}-\d{2}-\d{2}$/.test(value)) return date(value);
      if (field.endsWith('_at') && !Number.isNaN(Date.parse(value))) return dateTime(value);
      return value;
    },
    [t, format, date, dateTime, users.data, districts.data],
  );
};

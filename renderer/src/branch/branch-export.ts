import type { TFunction } from 'i18next';
import type { HouseholdSummary, WorkerLoad } from '../../../shared/contract/index.ts';
import type { ExportColumn } from '../export/table-export.ts';

/** The caseload table's columns, headers in the interface language; numbers stay numbers for the spreadsheet. */
export const caseloadColumns = (t: TFunction): ExportColumn<WorkerLoad>[] => [
  { header: t('branch.caseload.columns.worker'), value: (row) => row.displayName, width: 28 },
  { header: t('branch.caseload.columns.role'), value: (row) => t(`roles.${row.role}`, { defaultValue: row.role }), width: 20 },
  { header: t('branch.caseload.columns.account'), value: (row) => (row.disabled ? t('branch.caseload.disabled') : t('branch.caseload.active')), width: 14 },
  { header: t('branch.caseload.columns.households'), value: (row) => row.households, width: 12 },
  { header: t('branch.caseload.columns.openPlans'), value: (row) => row.openPlans, width: 14 },
  { header: t('branch.caseload.columns.overdueActions'), value: (row) => row.overdueActions, width: 16 },
];

/** A household list's columns for export: reference, head (both scripts), district, score, members, situation. */
export const householdColumns = (t: TFunction): ExportColumn<HouseholdSummary>[] => [
  { header: t('branch.households.columns.ref'), value: (row) => row.registryRef, width: 14 },
  { header: t('branch.households.columns.headAr'), value: (row) => row.headNameAr, width: 28 },
  { header: t('branch.households.columns.headLat'), value: (row) => row.headNameLat, width: 28 },
  { header: t('branch.households.columns.district'), value: (row) => row.districtName, width: 18 },
  { header: t('branch.households.columns.score'), value: (row) => row.registryScore, width: 10 },
  { header: t('branch.households.columns.worker'), value: (row) => row.assignedWorkerName, width: 24 },
  { header: t('branch.households.columns.members'), value: (row) => row.memberCount, width: 10 },
  { header: t('branch.households.columns.flags'), value: (row) => row.flags.map((flag) => t(`vocab.flag.${flag}`)).join(', '), width: 36 },
];

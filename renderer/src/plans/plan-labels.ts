import type { TFunction } from 'i18next';
import { IconBook, IconBriefcase, IconHeartbeat, IconTools, type Icon } from '@tabler/icons-react';
import type { Plan, PlanDomain, Programme } from '../../../shared/contract/index.ts';
import { programmeName } from '../households/labels.ts';
import { errorMessage, errorReason } from '../i18n/error-message.ts';

/** One icon and one colour per domain, the same in the queue and the household file. */
export const domainIcons: Record<PlanDomain, Icon> = { employment: IconBriefcase, training: IconTools, education: IconBook, health: IconHeartbeat };
export const domainColors: Record<PlanDomain, string> = { employment: 'indigo', training: 'cyan', education: 'grape', health: 'red' };
export const planStatusColors: Record<Plan['status'], string> = { draft: 'gray', active: 'teal', closing: 'orange', closed: 'dark' };

/** The user-facing sentence for a failed plan or action write: the plans area's own reasons first, then the common ones. */
export const planErrorMessage = (t: TFunction, error: unknown): string => {
  const reason = errorReason(error);
  const common = errorMessage(t, error);
  return reason && /^[a-z0-9-]+$/.test(reason) ? t(`plans.reasons.${reason}`, { defaultValue: common }) : common;
};

/** The name of the programme with this id in the interface language, or null when it is not (yet) known. */
export const programmeLabel = (programmes: Programme[] | undefined, id: string | null, language: string): string | null => {
  const programme = programmes?.find((candidate) => candidate.id === id);
  return programme ? programmeName(programme, language) : null;
};

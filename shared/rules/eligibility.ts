import type { EligibilityCondition } from '../contract/index.ts';
import { householdMatches, type MemberFacts } from './needs.ts';

/** A programme's eligibility rule as the rules read it. */
export interface EligibilityRuleInput {
  programmeId: string;
  /** Households at or below this registry score qualify (lower = poorer); null = any score. */
  scoreMax: number | null;
  condition: EligibilityCondition;
  active: boolean;
}

/** The household facts eligibility reads besides its members. */
export interface EligibilityHousehold {
  registryScore: number | null;
}

/** True when the score is within the threshold; a missing score never passes a threshold. */
export function scoreQualifies(scoreMax: number | null, registryScore: number | null): boolean {
  if (scoreMax === null) return true;
  return registryScore !== null && registryScore <= scoreMax;
}

/**
 * True when an active rule admits the household: registry score ≤ scoreMax (when set) and, unless
 * the condition is 'none', at least one live member meets it on `today`.
 */
export function isEligible(rule: EligibilityRuleInput, household: EligibilityHousehold, members: MemberFacts[], today: string): boolean {
  if (!rule.active) return false;
  if (!scoreQualifies(rule.scoreMax, household.registryScore)) return false;
  return rule.condition === 'none' || householdMatches(rule.condition, members, today).length > 0;
}

/**
 * Programme ids the household is eligible for but not enrolled in, in rule order without
 * duplicates. `activeProgrammeIds` holds the programmes with a pending or active enrollment.
 */
export function missedBenefits(
  rules: EligibilityRuleInput[],
  household: EligibilityHousehold,
  members: MemberFacts[],
  activeProgrammeIds: Set<string>,
  today: string,
): string[] {
  const missed: string[] = [];
  for (const rule of rules) {
    if (activeProgrammeIds.has(rule.programmeId) || missed.includes(rule.programmeId)) continue;
    if (isEligible(rule, household, members, today)) missed.push(rule.programmeId);
  }
  return missed;
}

/**
 * Member conditions that call for follow-up (from the branch's mandate): a child of 6–17 not in
 * school → education; no health coverage → subsidised health coverage; an unemployed adult of
 * 18–45 → employment; a disability → the matching programme. Unknown facts (null) never count:
 * a need is raised on what a worker recorded, not on what nobody asked yet.
 */
import type { EligibilityCondition, PlanDomain } from '../contract/index.ts';
import { ageOn, isIsoDate } from './dates.ts';

/** The facts about one member that the rules read. */
export interface MemberFacts {
  id: string;
  birthDate: string;
  inSchool: boolean | null;
  employment: string | null;
  healthCoverage: string | null;
  disability: boolean | null;
  deleted?: boolean;
}

/** One condition met by one member, and the plan domain that answers it. */
export interface HouseholdNeed {
  condition: EligibilityCondition;
  domain: PlanDomain;
  memberId: string;
}

/** School age, both ends included. */
export const schoolAge = { min: 6, max: 17 } as const;
/** Working age targeted by employment follow-up, both ends included. */
export const employmentAge = { min: 18, max: 45 } as const;

/** The member conditions, in the order needs are listed. */
export const memberConditions = ['child_out_of_school', 'no_health_coverage', 'unemployed_adult', 'disability'] as const satisfies readonly EligibilityCondition[];

function ageIn(member: MemberFacts, today: string, range: { min: number; max: number }): boolean {
  // An unknown or malformed birth date is an unknown age: it matches no age band.
  if (!isIsoDate(member.birthDate) || !isIsoDate(today)) return false;
  if (member.birthDate > today) return false;
  const age = ageOn(member.birthDate, today);
  return age >= range.min && age <= range.max;
}

/** True when this member meets the condition on `today`; 'none' and deleted members never match. */
export function memberMatches(condition: EligibilityCondition, member: MemberFacts, today: string): boolean {
  if (member.deleted) return false;
  switch (condition) {
    case 'child_out_of_school':
      return member.inSchool === false && ageIn(member, today, schoolAge);
    case 'no_health_coverage':
      return member.healthCoverage === 'none';
    case 'unemployed_adult':
      return member.employment === 'unemployed' && ageIn(member, today, employmentAge);
    case 'disability':
      return member.disability === true;
    case 'none':
      return false;
  }
}

/** The live members that make the household meet the condition ('none' → [], it asks nothing of members). */
export function householdMatches(condition: EligibilityCondition, members: MemberFacts[], today: string): MemberFacts[] {
  return members.filter((member) => memberMatches(condition, member, today));
}

/** The follow-up plan domain that answers a condition; null for 'none'. */
export function conditionDomain(condition: EligibilityCondition): PlanDomain | null {
  switch (condition) {
    case 'child_out_of_school':
      return 'education';
    case 'no_health_coverage':
      return 'health';
    case 'unemployed_adult':
      return 'employment';
    case 'disability':
      return 'health';
    case 'none':
      return null;
  }
}

/** Every (condition, member) pair of the household that calls for a follow-up plan, member by member. */
export function householdNeeds(members: MemberFacts[], today: string): HouseholdNeed[] {
  const needs: HouseholdNeed[] = [];
  for (const member of members) {
    for (const condition of memberConditions) {
      const domain = conditionDomain(condition);
      if (domain && memberMatches(condition, member, today)) needs.push({ condition, domain, memberId: member.id });
    }
  }
  return needs;
}

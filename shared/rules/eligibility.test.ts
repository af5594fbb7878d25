import { describe, expect, it } from 'vitest';
import { isEligible, missedBenefits, type EligibilityRuleInput } from './eligibility.ts';
import type { MemberFacts } from './needs.ts';

const today = '2026-06-15';
const threshold = 9.3264284;

const adult: MemberFacts = { id: 'a', birthDate: '1990-01-01', inSchool: null, employment: 'employed', healthCoverage: 'amo', disability: false };
const outOfSchoolChild: MemberFacts = { id: 'c', birthDate: '2015-03-01', inSchool: false, employment: null, healthCoverage: 'amo', disability: false };

const cash: EligibilityRuleInput = { programmeId: 'cash', scoreMax: threshold, condition: 'none', active: true };

describe('isEligible', () => {
  it('admits a score equal to the threshold and refuses one just above', () => {
    expect(isEligible(cash, { registryScore: threshold }, [adult], today)).toBe(true);
    expect(isEligible(cash, { registryScore: 8 }, [adult], today)).toBe(true);
    expect(isEligible(cash, { registryScore: 9.3264285 }, [adult], today)).toBe(false);
  });

  it('never admits an unknown score when a threshold is set, and ignores the score when none is', () => {
    expect(isEligible(cash, { registryScore: null }, [adult], today)).toBe(false);
    const open = { ...cash, scoreMax: null };
    expect(isEligible(open, { registryScore: null }, [adult], today)).toBe(true);
    expect(isEligible(open, { registryScore: 50 }, [adult], today)).toBe(true);
  });

  it('refuses an inactive rule', () => {
    expect(isEligible({ ...cash, active: false }, { registryScore: 5 }, [adult], today)).toBe(false);
  });

  it('needs a live member meeting the condition', () => {
    const school: EligibilityRuleInput = { programmeId: 'school', scoreMax: threshold, condition: 'child_out_of_school', active: true };
    expect(isEligible(school, { registryScore: 5 }, [adult, outOfSchoolChild], today)).toBe(true);
    expect(isEligible(school, { registryScore: 5 }, [adult], today)).toBe(false);
    expect(isEligible(school, { registryScore: 5 }, [adult, { ...outOfSchoolChild, deleted: true }], today)).toBe(false);
    expect(isEligible(school, { registryScore: 12 }, [adult, outOfSchoolChild], today)).toBe(false);
  });

  it("asks nothing of members under 'none', even with no member", () => {
    expect(isEligible(cash, { registryScore: 5 }, [], today)).toBe(true);
  });
});

describe('missedBenefits', () => {
  const rules: EligibilityRuleInput[] = [
    cash,
    { programmeId: 'amo', scoreMax: threshold, condition: 'no_health_coverage', active: true },
    { programmeId: 'school', scoreMax: threshold, condition: 'child_out_of_school', active: true },
    { programmeId: 'food', scoreMax: 6, condition: 'none', active: true },
    { programmeId: 'old', scoreMax: null, condition: 'none', active: false },
  ];

  it('lists the programmes the household qualifies for but is not enrolled in', () => {
    expect(missedBenefits(rules, { registryScore: 7 }, [adult, outOfSchoolChild], new Set(), today)).toEqual(['cash', 'school']);
  });

  it('leaves out programmes with a pending or active enrollment', () => {
    expect(missedBenefits(rules, { registryScore: 7 }, [adult, outOfSchoolChild], new Set(['cash']), today)).toEqual(['school']);
    expect(missedBenefits(rules, { registryScore: 7 }, [adult, outOfSchoolChild], new Set(['cash', 'school']), today)).toEqual([]);
  });

  it('lists nothing for an unknown score and a programme once even with two rules', () => {
    expect(missedBenefits(rules, { registryScore: null }, [adult, outOfSchoolChild], new Set(), today)).toEqual([]);
    const twice = [cash, { ...cash, scoreMax: null }];
    expect(missedBenefits(twice, { registryScore: 5 }, [], new Set(), today)).toEqual(['cash']);
  });
});

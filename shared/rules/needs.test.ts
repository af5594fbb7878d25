import { describe, expect, it } from 'vitest';
import { conditionDomain, householdMatches, householdNeeds, memberMatches, type MemberFacts } from './needs.ts';

const today = '2026-06-15';

/** A member whose facts raise no need, born on the given date. */
function member(id: string, birthDate: string, facts: Partial<MemberFacts> = {}): MemberFacts {
  return { id, birthDate, inSchool: null, employment: null, healthCoverage: 'amo_tadamon', disability: false, ...facts };
}

/** Born so as to be exactly `age` on `today` (the birthday is today). */
function bornAged(age: number): string {
  return `${2026 - age}-06-15`;
}

/** Born so as to turn `age + 1` tomorrow: still `age` today. */
function lastDayAged(age: number): string {
  return `${2026 - age - 1}-06-16`;
}

describe('child_out_of_school', () => {
  const outOfSchool = (birthDate: string) => member('c', birthDate, { inSchool: false });

  it('counts children from their 6th birthday to the day before their 18th', () => {
    expect(memberMatches('child_out_of_school', outOfSchool(lastDayAged(5)), today)).toBe(false);
    expect(memberMatches('child_out_of_school', outOfSchool(bornAged(6)), today)).toBe(true);
    expect(memberMatches('child_out_of_school', outOfSchool(lastDayAged(17)), today)).toBe(true);
    expect(memberMatches('child_out_of_school', outOfSchool(bornAged(17)), today)).toBe(true);
    expect(memberMatches('child_out_of_school', outOfSchool(bornAged(18)), today)).toBe(false);
  });

  it('needs a recorded "not in school": in school or unknown is no need', () => {
    expect(memberMatches('child_out_of_school', member('c', bornAged(10), { inSchool: true }), today)).toBe(false);
    expect(memberMatches('child_out_of_school', member('c', bornAged(10), { inSchool: null }), today)).toBe(false);
  });

  it('ignores an unknown or malformed birth date', () => {
    expect(memberMatches('child_out_of_school', outOfSchool(''), today)).toBe(false);
    expect(memberMatches('child_out_of_school', outOfSchool('2015-02-30'), today)).toBe(false);
  });
});

describe('unemployed_adult', () => {
  const unemployed = (birthDate: string) => member('a', birthDate, { employment: 'unemployed' });

  it('counts unemployed adults from 18 to 45 included', () => {
    expect(memberMatches('unemployed_adult', unemployed(bornAged(17)), today)).toBe(false);
    expect(memberMatches('unemployed_adult', unemployed(lastDayAged(17)), today)).toBe(false);
    expect(memberMatches('unemployed_adult', unemployed(bornAged(18)), today)).toBe(true);
    expect(memberMatches('unemployed_adult', unemployed(bornAged(45)), today)).toBe(true);
    expect(memberMatches('unemployed_adult', unemployed(lastDayAged(45)), today)).toBe(true);
    expect(memberMatches('unemployed_adult', unemployed(bornAged(46)), today)).toBe(false);
  });

  it('counts only a recorded "unemployed"', () => {
    for (const employment of ['employed', 'self_employed', 'inactive', 'student', 'retired', null]) {
      expect(memberMatches('unemployed_adult', member('a', bornAged(30), { employment }), today)).toBe(false);
    }
  });
});

describe('no_health_coverage', () => {
  it('counts only a recorded "none": unknown coverage is not a need', () => {
    expect(memberMatches('no_health_coverage', member('m', bornAged(40), { healthCoverage: 'none' }), today)).toBe(true);
    expect(memberMatches('no_health_coverage', member('m', bornAged(40), { healthCoverage: null }), today)).toBe(false);
    expect(memberMatches('no_health_coverage', member('m', bornAged(40), { healthCoverage: 'amo' }), today)).toBe(false);
  });
});

describe('disability', () => {
  it('counts only a recorded disability, at any age', () => {
    expect(memberMatches('disability', member('d', bornAged(70), { disability: true }), today)).toBe(true);
    expect(memberMatches('disability', member('d', bornAged(2), { disability: true }), today)).toBe(true);
    expect(memberMatches('disability', member('d', bornAged(30), { disability: null }), today)).toBe(false);
    expect(memberMatches('disability', member('d', bornAged(30), { disability: false }), today)).toBe(false);
  });
});

describe('memberMatches', () => {
  it("never matches 'none' or a deleted member", () => {
    expect(memberMatches('none', member('m', bornAged(30), { disability: true }), today)).toBe(false);
    expect(memberMatches('disability', member('m', bornAged(30), { disability: true, deleted: true }), today)).toBe(false);
  });
});

describe('householdMatches', () => {
  const members = [
    member('mother', bornAged(38), { employment: 'unemployed' }),
    member('son', bornAged(20), { employment: 'unemployed' }),
    member('old', bornAged(50), { employment: 'unemployed' }),
    member('gone', bornAged(25), { employment: 'unemployed', deleted: true }),
  ];

  it('returns the live members that make the household match', () => {
    expect(householdMatches('unemployed_adult', members, today).map((m) => m.id)).toEqual(['mother', 'son']);
    expect(householdMatches('disability', members, today)).toEqual([]);
    expect(householdMatches('none', members, today)).toEqual([]);
  });
});

describe('conditionDomain', () => {
  it('maps each condition to the plan domain that answers it', () => {
    expect(conditionDomain('child_out_of_school')).toBe('education');
    expect(conditionDomain('no_health_coverage')).toBe('health');
    expect(conditionDomain('unemployed_adult')).toBe('employment');
    expect(conditionDomain('disability')).toBe('health');
    expect(conditionDomain('none')).toBeNull();
  });
});

describe('householdNeeds', () => {
  it('lists every condition of every live member with its domain', () => {
    const members = [
      member('father', bornAged(44), { employment: 'unemployed', healthCoverage: 'none', disability: true }),
      member('girl', bornAged(12), { inSchool: false }),
      member('boy', bornAged(9), { inSchool: true }),
      member('cousin', bornAged(30), { employment: 'unemployed', deleted: true }),
    ];
    expect(householdNeeds(members, today)).toEqual([
      { condition: 'no_health_coverage', domain: 'health', memberId: 'father' },
      { condition: 'unemployed_adult', domain: 'employment', memberId: 'father' },
      { condition: 'disability', domain: 'health', memberId: 'father' },
      { condition: 'child_out_of_school', domain: 'education', memberId: 'girl' },
    ]);
  });

  it('raises nothing on unknown facts', () => {
    const unknown: MemberFacts[] = [
      { id: 'a', birthDate: bornAged(10), inSchool: null, employment: null, healthCoverage: null, disability: null },
      { id: 'b', birthDate: bornAged(30), inSchool: null, employment: null, healthCoverage: null, disability: null },
      { id: 'c', birthDate: '', inSchool: false, employment: 'unemployed', healthCoverage: null, disability: null },
    ];
    expect(householdNeeds(unknown, today)).toEqual([]);
  });
});

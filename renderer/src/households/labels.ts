import type { Member, Programme } from '../../../shared/contract/index.ts';

/** A programme's name in the interface language (Arabic when the language is unknown). */
export const programmeName = (programme: Programme, language: string): string =>
  language.startsWith('fr') ? programme.nameFr : language.startsWith('en') ? programme.nameEn : programme.nameAr;

/** A member's Arabic full name, as the registry spells it. */
export const memberNameAr = (member: Pick<Member, 'firstNameAr' | 'lastNameAr'>): string => `${member.firstNameAr} ${member.lastNameAr}`;

/** A member's Latin full name, when the registry or a worker gave one. */
export const memberNameLat = (member: Pick<Member, 'firstNameLat' | 'lastNameLat'>): string | null =>
  [member.firstNameLat, member.lastNameLat].filter(Boolean).join(' ') || null;

/** Whether a household's score makes it eligible for an active programme with a threshold (lower score = poorer). */
export const isEligible = (programme: Programme, score: number | null): boolean =>
  programme.active && programme.scoreThreshold !== null && score !== null && score <= programme.scoreThreshold;

/** A Moroccan number grouped by pairs as people read it aloud: 06 12 34 56 78. */
export const formatPhone = (phone: string): string =>
  /^0\d{9}$/.test(phone) ? phone.replace(/^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/, '$1 $2 $3 $4 $5') : phone;

import { useMemo } from 'react';
import { useSettings } from '../settings/use-settings.ts';

const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` as a local calendar day (not UTC midnight, which shifts the day west of Greenwich); other ISO strings as given. */
export const parseDay = (value: string): Date => {
  const match = dateOnly.exec(value);
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : new Date(value);
};

/** Today as `YYYY-MM-DD` in local time, what `<input type="date">` holds. */
export const todayIso = (now = new Date()): string =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

/** Whole years between a birth date and today. */
export const ageOn = (birthDate: string, now = new Date()): number => {
  const born = parseDay(birthDate);
  const age = now.getFullYear() - born.getFullYear();
  return now < new Date(now.getFullYear(), born.getMonth(), born.getDate()) ? age - 1 : age;
};

/** Formats days and moments in the interface language, Gregorian calendar, with the digits chosen in Settings. */
export const useDateFormat = () => {
  const { data } = useSettings();
  const locale = `${data?.language ?? 'ar'}-MA-u-ca-gregory-nu-${data?.numerals ?? 'latn'}`;
  return useMemo(() => {
    const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const moment = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      /** A day, e.g. 12 Jan 2025; a full timestamp is shown as its day. */
      date: (value: string) => day.format(parseDay(value)),
      /** A day and time for timestamps; a bare day stays a day. */
      dateTime: (value: string) => (dateOnly.test(value) ? day : moment).format(parseDay(value)),
    };
  }, [locale]);
};

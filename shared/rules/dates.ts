/**
 * Calendar dates as `YYYY-MM-DD` strings. Arithmetic runs on UTC day numbers, so neither the
 * device's time zone nor a daylight-saving change can shift a due date by one day.
 */

const msPerDay = 86_400_000;
const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function parse(date: string): CalendarDate {
  const match = isoDatePattern.exec(date);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    const check = new Date(Date.UTC(year, month - 1, day));
    // Date.UTC rolls 2026-02-30 over to March: a round trip that changes the day means invalid input.
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day) {
      return { year, month, day };
    }
  }
  // The value may come from a household file, so it stays out of the message.
  throw new RangeError('invalid date: expected YYYY-MM-DD');
}

function dayNumber(date: string): number {
  const { year, month, day } = parse(date);
  return Date.UTC(year, month - 1, day) / msPerDay;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function format(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  try {
    parse(value);
    return true;
  } catch {
    return false;
  }
}

/** The date `days` days after `date` (negative goes back); throws RangeError on a malformed date. */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError('days must be a whole number');
  const shifted = new Date((dayNumber(date) + days) * msPerDay);
  return format(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** Whole days from `from` to `to` (to − from): positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * Completed years of age on `on`. Someone born on 29 February turns a year older on 1 March in
 * common years (the day after 28 February), and on 29 February in leap years. Before birth: 0.
 */
export function ageOn(birthDate: string, on: string): number {
  const birth = parse(birthDate);
  const day = parse(on);
  const beforeBirthday = day.month < birth.month || (day.month === birth.month && day.day < birth.day);
  return Math.max(0, day.year - birth.year - (beforeBirthday ? 1 : 0));
}

/** The device's local calendar date, `YYYY-MM-DD` (what the worker sees on her wall calendar). */
export function todayIso(now: Date = new Date()): string {
  return format(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

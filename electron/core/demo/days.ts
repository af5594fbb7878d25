/** Calendar days as UTC day numbers (days since 1970-01-01), so no time zone shifts a date. */

const dayMs = 86_400_000;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** The day number of a YYYY-MM-DD date; throws RangeError on anything else. */
export const dayNumber = (iso: string): number => {
  const time = isoDate.test(iso) ? Date.parse(`${iso}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== iso) throw new RangeError('invalid date: expected YYYY-MM-DD');
  return Math.round(time / dayMs);
};

/** The YYYY-MM-DD date of a day number. */
export const dayIso = (day: number): string => new Date(day * dayMs).toISOString().slice(0, 10);

/** An ISO timestamp at `seconds` after midnight (UTC) of that day, as the services write them. */
export const dayTimestamp = (day: number, seconds: number): string => new Date(day * dayMs + seconds * 1000).toISOString();

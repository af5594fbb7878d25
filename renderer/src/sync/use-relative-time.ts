import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../settings/use-settings.ts';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** The current time, refreshed every `intervalMs`, so "5 minutes ago" does not freeze on screen. */
export const useNow = (intervalMs = 30_000): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
};

/** Formats a moment relative to now ("5 minutes ago") in the interface language, with the digits chosen in Settings. */
export const useRelativeTime = () => {
  const { t } = useTranslation();
  const { data } = useSettings();
  const locale = `${data?.language ?? 'ar'}-MA-u-nu-${data?.numerals ?? 'latn'}`;
  return useMemo(() => {
    const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    return (iso: string, now: number): string => {
      const elapsed = now - new Date(iso).getTime();
      if (Number.isNaN(elapsed)) return iso;
      const span = Math.abs(elapsed);
      const sign = elapsed >= 0 ? -1 : 1;
      if (span < minute) return t('sync.justNow');
      if (span < hour) return format.format(sign * Math.round(span / minute), 'minute');
      if (span < day) return format.format(sign * Math.round(span / hour), 'hour');
      if (span < 30 * day) return format.format(sign * Math.round(span / day), 'day');
      if (span < 365 * day) return format.format(sign * Math.round(span / (30 * day)), 'month');
      return format.format(sign * Math.round(span / (365 * day)), 'year');
    };
  }, [locale, t]);
};

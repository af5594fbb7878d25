import { useMemo } from 'react';
import { useSettings } from '../settings/use-settings.ts';

/** Formats numbers in the interface language with the digits chosen in Settings. */
export const useNumberFormat = (): ((value: number) => string) => {
  const { data } = useSettings();
  const locale = `${data?.language ?? 'ar'}-MA-u-nu-${data?.numerals ?? 'latn'}`;
  return useMemo(() => {
    const format = new Intl.NumberFormat(locale);
    return (value: number) => format.format(value);
  }, [locale]);
};

/** Formats a wait in seconds as a clock (m:ss), with the digits chosen in Settings; needs no plural forms. */
export const useClockFormat = (): ((seconds: number) => string) => {
  const { data } = useSettings();
  const locale = `${data?.language ?? 'ar'}-MA-u-nu-${data?.numerals ?? 'latn'}`;
  return useMemo(() => {
    const whole = new Intl.NumberFormat(locale, { useGrouping: false });
    const twoDigits = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
    return (seconds: number) => `${whole.format(Math.floor(seconds / 60))}:${twoDigits.format(seconds % 60)}`;
  }, [locale]);
};

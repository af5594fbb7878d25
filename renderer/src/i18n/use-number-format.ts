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

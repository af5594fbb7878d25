import { useMemo } from 'react';
import { useSettings } from '../settings/use-settings.ts';

/** Formats a file size (kB under 1 MB, else MB) in the interface language with the digits chosen in Settings. */
export const useSizeFormat = (): ((bytes: number) => string) => {
  const { data } = useSettings();
  const locale = `${data?.language ?? 'ar'}-MA-u-nu-${data?.numerals ?? 'latn'}`;
  return useMemo(() => {
    const kilobytes = new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 });
    const megabytes = new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });
    return (bytes: number) => (bytes < 1024 * 1024 ? kilobytes.format(Math.max(1, Math.round(bytes / 1024))) : megabytes.format(bytes / (1024 * 1024)));
  }, [locale]);
};

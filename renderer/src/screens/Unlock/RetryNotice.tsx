import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useClockFormat } from '../../i18n/use-number-format.ts';

/** The live wait before the core accepts another attempt. */
export function RetryNotice({ seconds }: { seconds: number }) {
  const { t } = useTranslation();
  const formatClock = useClockFormat();
  if (seconds <= 0) return null;
  return (
    <Text size="sm" fw={500} role="timer" data-testid="retry-countdown">
      {t('unlock.retryIn', { time: formatClock(seconds) })}
    </Text>
  );
}

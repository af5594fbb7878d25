import { SegmentedControl } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../../../../shared/contract/index.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { languageNames } from '../../i18n/index.ts';
import { useSaveSettings, useSettings } from '../../settings/use-settings.ts';

/** The three interface languages, each in its own script; the choice is saved on the device at once. */
export function LanguagePicker({ labelledBy, size }: { labelledBy?: string; size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  const settings = useSettings();
  const save = useSaveSettings();
  return (
    <SegmentedControl
      size={size}
      aria-labelledby={labelledBy}
      aria-label={labelledBy ? undefined : t('settings.language.label')}
      value={settings.data?.language ?? i18n.language}
      onChange={(value) =>
        save.mutate(
          { language: value as Language },
          { onError: (error) => notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorMessage(t, error) }) },
        )
      }
      data={languages.map((language) => ({ value: language, label: languageNames[language] }))}
    />
  );
}

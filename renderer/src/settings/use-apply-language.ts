import { useDirection } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/contract/index.ts';
import { directionOf } from '../i18n/index.ts';

/** Puts the document, Mantine and i18next in the saved language and its direction. */
export const useApplyLanguage = (language: Language | undefined) => {
  const { i18n } = useTranslation();
  const { setDirection } = useDirection();
  useEffect(() => {
    if (!language) return;
    const dir = directionOf(language);
    document.documentElement.lang = language;
    document.documentElement.dir = dir;
    setDirection(dir);
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [language, i18n, setDirection]);
};

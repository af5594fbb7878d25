import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultSettings, type Language } from '../../../shared/contract/index.ts';
import ar from './locales/ar.json';
import en from './locales/en.json';
import fr from './locales/fr.json';

export const resources = { ar: { translation: ar }, fr: { translation: fr }, en: { translation: en } } as const;

/** Each language's name in its own script, for the language picker. */
export const languageNames: Record<Language, string> = { ar: 'العربية', fr: 'Français', en: 'English' };

export const directionOf = (language: Language): 'rtl' | 'ltr' => (language === 'ar' ? 'rtl' : 'ltr');

/** A fresh i18next instance (one per app, one per test) starting in the given language. */
export const createI18n = (language: Language = defaultSettings.language): I18n => {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'ar',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance;
};

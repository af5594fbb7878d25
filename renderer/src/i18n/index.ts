import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultSettings, type Language } from '../../../shared/contract/index.ts';
import ar from './locales/ar.json';
import en from './locales/en.json';
import fr from './locales/fr.json';
import householdsAr from './locales/households.ar.json';
import householdsEn from './locales/households.en.json';
import householdsFr from './locales/households.fr.json';
import importAr from './locales/import.ar.json';
import importEn from './locales/import.en.json';
import importFr from './locales/import.fr.json';
import plansAr from './locales/plans.ar.json';
import plansEn from './locales/plans.en.json';
import plansFr from './locales/plans.fr.json';
import branchAr from './locales/branch.ar.json';
import branchEn from './locales/branch.en.json';
import branchFr from './locales/branch.fr.json';
import syncAr from './locales/sync.ar.json';
import syncEn from './locales/sync.en.json';
import syncFr from './locales/sync.fr.json';
import updatesAr from './locales/updates.ar.json';
import updatesEn from './locales/updates.en.json';
import updatesFr from './locales/updates.fr.json';

// One file per area of the app (top-level keys never overlap), merged into one namespace.
export const messages = {
  ar: { ...ar, ...householdsAr, ...importAr, ...plansAr, ...branchAr, ...syncAr, ...updatesAr },
  fr: { ...fr, ...householdsFr, ...importFr, ...plansFr, ...branchFr, ...syncFr, ...updatesFr },
  en: { ...en, ...householdsEn, ...importEn, ...plansEn, ...branchEn, ...syncEn, ...updatesEn },
};

export const resources = { ar: { translation: messages.ar }, fr: { translation: messages.fr }, en: { translation: messages.en } } as const;

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

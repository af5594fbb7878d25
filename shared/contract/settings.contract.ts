import { z } from 'zod';

export const languages = ['ar', 'fr', 'en'] as const;
export type Language = (typeof languages)[number];

export const numeralSystems = ['latn', 'arab'] as const;

/** Device settings: readable before unlock (the unlock screen needs the language). */
export const settingsSchema = z.object({
  language: z.enum(languages),
  numerals: z.enum(numeralSystems),
  idleLockMinutes: z.number().int().min(1).max(240),
});

export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = { language: 'ar', numerals: 'latn', idleLockMinutes: 10 };

export const settingsChannels = {
  /** Reads the device settings (defaults where none were saved). */
  'settings:get': { input: z.undefined(), output: settingsSchema },
  /** Saves some settings and returns all of them. */
  'settings:set': { input: settingsSchema.partial().strict(), output: settingsSchema },
};

export const settingsEvents = {
  'settings:changed': settingsSchema,
};

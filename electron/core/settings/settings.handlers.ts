import type { Handler } from '../handlers.ts';
import { readSettings, updateSettings } from './settings.service.ts';

export const settingsHandlers = {
  'settings:get': (_input, ctx) => readSettings(ctx.dataDir),
  'settings:set': async (input, ctx) => {
    const settings = await updateSettings(ctx.dataDir, input);
    ctx.emit('settings:changed', settings);
    return settings;
  },
} satisfies { 'settings:get': Handler<'settings:get'>; 'settings:set': Handler<'settings:set'> };

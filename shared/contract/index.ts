export * from './result.ts';
export * from './channels.ts';
export * from './validate.ts';
export * from './api.ts';
export * from './app.contract.ts';
export * from './settings.contract.ts';

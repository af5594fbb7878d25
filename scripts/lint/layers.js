// @ts-check
// Who may import whom (STYLE.md, "Layers"); the lint fails on any import across these lines.

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'https', 'net', 'url', 'util', 'stream', 'events', 'zlib'];

const electronBan = {
  regex: '^(electron|electron-updater)(/.*)?$',
  message: 'Only electron/main and electron/preload may import Electron.',
};
const nodeBan = {
  regex: `^(node:.*|(${nodeBuiltins.join('|')})(/.*)?)$`,
  message: 'This layer runs in a browser or must stay pure: no Node built-ins.',
};
/** A relative import that climbs into one of these top-level (or electron/) folders. */
const appBan = (/** @type {string[]} */ ...layers) => ({
  regex: `^(\\.\\./)+(electron/)?(${layers.join('|')})(/|$)`,
  message: `This layer may not import from ${layers.join(', ')}.`,
});

/** @type {import('eslint').Linter.Config[]} */
export const layerRules = [
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronBan, nodeBan, appBan('electron', 'renderer', 'server')] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronBan, nodeBan, appBan('electron', 'server')] }],
    },
  },
  {
    files: ['electron/core/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronBan, appBan('renderer', 'server', 'main', 'preload')] }],
    },
  },
  {
    files: ['server/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronBan, appBan('electron', 'renderer')] }],
    },
  },
];

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

/** Lints a snippet as if it were a file at `filePath` and returns the layer violations found. */
const violations = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports');
};

describe('layer boundaries', () => {
  it.each([
    ['shared/contract/bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['shared/rules/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['shared/rules/bad.ts', "import { x } from '../../electron/core/errors.ts';\nexport const y = x;\n"],
    ['renderer/src/bad.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['renderer/src/bad.ts', "import { join } from 'node:path';\nexport const x = join;\n"],
    ['renderer/src/bad.ts', "import { x } from '../../electron/core/errors.ts';\nexport const y = x;\n"],
    ['electron/core/app/bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['electron/core/app/bad.ts', "import { x } from '../../main/csp.ts';\nexport const y = x;\n"],
    ['electron/core/app/bad.ts', "import { x } from '../../../renderer/src/App.tsx';\nexport const y = x;\n"],
    ['server/src/bad.ts', "import { x } from '../../electron/core/errors.ts';\nexport const y = x;\n"],
  ])('refuses %s importing across its layer (%#)', async (filePath, code) => {
    expect(await violations(filePath, code)).toHaveLength(1);
  });

  it.each([
    ['shared/rules/ok.ts', "import { z } from 'zod';\nexport const x = z;\n"],
    ['renderer/src/ok.ts', "import { ok } from '../../shared/contract/index.ts';\nexport const x = ok;\n"],
    ['electron/core/app/ok.ts', "import { join } from 'node:path';\nimport { ok } from '../../../shared/contract/index.ts';\nexport const x = [join, ok];\n"],
    ['electron/main/ok.ts', "import { app } from 'electron';\nimport { x } from '../core/errors.ts';\nexport const y = [app, x];\n"],
  ])('allows %s its own imports', async (filePath, code) => {
    expect(await violations(filePath, code)).toEqual([]);
  });
});

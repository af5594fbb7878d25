// `npm test`: every check CI runs, in order, then one closing line with the test counts.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

interface Step {
  name: string;
  command: string[];
  /** Where Vitest writes its JSON report, for the closing counts. */
  report?: string;
}

const root = new URL('..', import.meta.url).pathname;
const reportDir = join(root, 'test-results');
const vitest = (name: string, projects: string[]): Step => {
  const report = join(reportDir, `${name}.json`);
  return {
    name,
    report,
    command: ['npx', 'vitest', 'run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
  };
};

const steps: Step[] = [
  { name: 'typecheck', command: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'lint', command: ['npm', 'run', '--silent', 'lint'] },
  vitest('unit', ['node', 'renderer']),
  { name: 'build', command: ['npm', 'run', '--silent', 'build'] },
  vitest('e2e', ['e2e']),
];

const counts = { passed: 0, failed: 0, skipped: 0 };
const failedSteps: string[] = [];
rmSync(reportDir, { recursive: true, force: true });

for (const step of steps) {
  console.log(`\n== ${step.name}: ${step.command.join(' ')}`);
  const started = Date.now();
  const [bin, ...args] = step.command;
  const run = spawnSync(bin as string, args, { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (step.report && existsSync(step.report)) {
    const report = JSON.parse(readFileSync(step.report, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
    };
    counts.passed += report.numPassedTests;
    counts.failed += report.numFailedTests;
    counts.skipped += report.numPendingTests + report.numTodoTests;
  }
  if (run.status !== 0) {
    failedSteps.push(step.name);
    // A broken build or test run leaves nothing after it worth running.
    if (step.name === 'typecheck' || step.name === 'build') break;
  }
  console.log(`== ${step.name}: ${run.status === 0 ? 'ok' : 'FAILED'} in ${seconds}s`);
}

console.log(`\nsteps failed: ${failedSteps.length ? failedSteps.join(', ') : 'none'}`);
// Closing line in the plain form CI reads; the exit code also fails on a failed typecheck, lint or build.
console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exitCode = failedSteps.length ? 1 : 0;

import { spawn } from 'node:child_process';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface SchemathesisRun {
  /** Shown in the summary, e.g. `admin via the one origin`. */
  label: string;
  schemaUrl: string;
  baseUrl: string;
  token?: string;
  /** Passed as they are: operation filters, phases, limits. */
  args: string[];
  /** A schemathesis.toml (check settings the command line has no flag for). */
  configFile?: string;
}

export interface RunOutcome {
  label: string;
  exitCode: number;
  report: unknown;
}

/**
 * Runs `st run` with a JSON report; resolves with the parsed report. Schemathesis' own console goes
 * to `<label>.log` beside the report and is printed only when the run fails: its pytest-style
 * banners (`=== 1 warning in 60.27s ===`) would otherwise read, to tools that scan CI output for a
 * test summary, like a pytest run that ran no test.
 */
export async function runSchemathesis(
  st: string,
  run: SchemathesisRun,
  reportDir: string,
): Promise<RunOutcome> {
  const fileStem = path.join(reportDir, run.label.replace(/\W+/g, '-'));
  const reportPath = `${fileStem}.json`;
  const logPath = `${fileStem}.log`;
  const args = [
    ...(run.configFile ? ['--config-file', run.configFile] : []),
    'run',
    run.schemaUrl,
    '--url',
    run.baseUrl,
    ...(run.token ? ['--header', `Authorization: Bearer ${run.token}`] : []),
    '--report',
    'json',
    '--report-json-path',
    reportPath,
    ...run.args,
  ];
  process.stdout.write(`schemathesis: ${run.label} (console: ${logPath})\n`);
  const log = await open(logPath, 'w');
  const exitCode = await new Promise<number>((resolve, reject) => {
    // cwd: the report directory, so schemathesis' example database stays out of the work tree.
    const child = spawn(st, args, {
      cwd: reportDir,
      stdio: ['ignore', log.fd, log.fd],
      env: { ...process.env, NO_COLOR: '1' },
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  }).finally(() => log.close());
  if (exitCode !== 0) process.stdout.write(await readFile(logPath, 'utf8'));
  const report = JSON.parse(await readFile(reportPath, 'utf8').catch(() => 'null')) as unknown;
  return { label: run.label, exitCode, report };
}

import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
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

/** Runs `st run` with a JSON report, streaming its output; resolves with the parsed report. */
export async function runSchemathesis(
  st: string,
  run: SchemathesisRun,
  reportDir: string,
): Promise<RunOutcome> {
  const reportPath = path.join(reportDir, `${run.label.replace(/\W+/g, '-')}.json`);
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
  process.stdout.write(`\n=== schemathesis: ${run.label}\n`);
  const exitCode = await new Promise<number>((resolve, reject) => {
    // cwd: the report directory, so schemathesis' example database stays out of the work tree.
    const child = spawn(st, args, {
      cwd: reportDir,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
  const report = JSON.parse(await readFile(reportPath, 'utf8').catch(() => 'null')) as unknown;
  return { label: run.label, exitCode, report };
}

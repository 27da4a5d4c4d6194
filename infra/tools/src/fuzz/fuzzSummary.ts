import type { RunOutcome } from './runSchemathesis.js';

/** The part of schemathesis' JSON run report (`--report json`) the summary reads. */
interface JsonReport {
  stop_reason?: string;
  operations?: { selected: number; tested: number };
  test_cases?: { generated: number; with_failures: number };
  failures?: { code: string; title: string; count: number; operations: string[] }[];
  errors?: { title: string; count: number }[];
}

export interface RunSummary {
  label: string;
  exitCode: number;
  operationsTested: number;
  operationsSelected: number;
  examplesSent: number;
  failures: number;
  errors: number;
  details: string[];
}

/** One line per run plus totals; a run without a report counts as failed. */
export function summarize(outcomes: readonly RunOutcome[]): {
  runs: RunSummary[];
  failures: number;
} {
  const runs = outcomes.map(({ label, exitCode, report }): RunSummary => {
    const r = (report ?? {}) as JsonReport;
    const failures = (r.failures ?? []).reduce((sum, f) => sum + f.count, 0);
    const errors = (r.errors ?? []).reduce((sum, e) => sum + e.count, 0);
    return {
      label,
      exitCode,
      operationsTested: r.operations?.tested ?? 0,
      operationsSelected: r.operations?.selected ?? 0,
      examplesSent: r.test_cases?.generated ?? 0,
      failures: report ? failures : 1,
      errors,
      details: [
        ...(r.failures ?? []).map((f) => `${f.code} ${f.title}: ${f.operations.join(', ')}`),
        ...(r.errors ?? []).map((e) => `error: ${e.title} (${e.count})`),
      ],
    };
  });
  return { runs, failures: runs.reduce((sum, run) => sum + run.failures + run.errors, 0) };
}

export function formatSummary(runs: readonly RunSummary[]): string {
  const lines = runs.map(
    (run) =>
      `${run.label.padEnd(24)} operations ${run.operationsTested}/${run.operationsSelected}  ` +
      `examples ${String(run.examplesSent).padStart(5)}  failures ${run.failures}  errors ${run.errors}` +
      run.details.map((detail) => `\n    ${detail}`).join(''),
  );
  const total = (pick: (run: RunSummary) => number) =>
    runs.reduce((sum, run) => sum + pick(run), 0);
  lines.push(
    `total: ${total((r) => r.examplesSent)} examples sent, ${total((r) => r.failures)} failures, ${total((r) => r.errors)} errors`,
  );
  return lines.join('\n');
}

/**
 * command-api's own count of purchase decisions by outcome (`reserved`, `sold_out`...): shows
 * whether the stateful chain (create product -> schedule sale -> buy) reached real purchases.
 */
export async function purchaseOutcomes(commandApiUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${commandApiUrl}/metrics`)).text();
  const outcomes: Record<string, number> = {};
  for (const match of text.matchAll(/^commandapi_reservations_total\{outcome="(\w+)"\} (\d+)$/gm)) {
    outcomes[match[1]!] = Number(match[2]);
  }
  return outcomes;
}

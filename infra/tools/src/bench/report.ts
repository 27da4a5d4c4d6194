import type { BenchResult } from './benchResult.js';
import { screensRows } from './screens/screensReport.js';
import { HOPS, type HopsMs } from './winnerHops.js';

const pad = (text: string, width: number) => text.padEnd(width);
const ms = (value: number | undefined) => (value === undefined ? '-' : `${value} ms`);
const mark = (ok: boolean) => (ok ? 'ok' : 'BROKEN');

/** The readable summary printed at the end of a run. */
export function formatReport(result: BenchResult): string {
  const rows: [string, string][] = [
    [
      'scenario',
      `${result.scenario}${result.rate ? ` (open loop, ${result.rate}/s)` : ''}${result.chaos.faults.length ? ' + chaos' : ''}`,
    ],
    [
      'shoppers / units / connections',
      `${result.shoppers} / ${result.units} / ${result.connections}`,
    ],
    [
      'stores',
      result.stores
        ? `Redis appendfsync ${result.stores.redisAppendFsync}, JetStream sync_interval ${result.stores.natsSyncInterval}`
        : 'external (not configured by the bench)',
    ],
    ['requests', `${result.requests} in ${(result.elapsedMs / 1000).toFixed(2)} s`],
    ['accepted / refused / errors', `${result.accepted} / ${result.refused} / ${result.errors}`],
    ['refusals by code', JSON.stringify(result.refusedByCode)],
    ['requests/s', String(result.requestsPerSecond)],
    ['accepted/s', String(result.acceptedPerSecond)],
    ['accepted p50/p95/p99/max', quad(result.latencyMs.accepted)],
    ['refused  p50/p95/p99/max', quad(result.latencyMs.refused)],
    [
      'JetStream publish mean/p50/p99',
      result.publishLatencyMs
        ? `${result.publishLatencyMs.meanMs} / ≤${result.publishLatencyMs.p50Ms} / ≤${result.publishLatencyMs.p99Ms} ms`
        : '-',
    ],
    [
      'Redis reserve script mean/p50/p99',
      result.reserveLatencyMs
        ? `${result.reserveLatencyMs.meanMs} / ≤${result.reserveLatencyMs.p50Ms} / ≤${result.reserveLatencyMs.p99Ms} ms`
        : '-',
    ],
    [
      '202 -> confirmed push p50/p99',
      `${ms(result.endToEndMs.p50)} / ${ms(result.endToEndMs.p99)} (${result.endToEndMs.samples} sampled)`,
    ],
    [
      'projection lag p50/p99',
      `${ms(result.projectionLagMs.p50)} / ${ms(result.projectionLagMs.p99)} (${result.projectionLagMs.samples} notices)`,
    ],
    [
      'all units claimed after',
      result.claimedAllUnitsMs === null
        ? '- (fewer accepted than units)'
        : ms(result.claimedAllUnitsMs),
    ],
    ...hopRows(result.hopsMs),
    ['drain after load', `${ms(result.drainMs)}${result.drained ? '' : ' (DID NOT DRAIN)'}`],
  ];
  if (result.adminStatsMs)
    rows.push([
      'admin /stats p50/p99',
      `${result.adminStatsMs.p50} / ${result.adminStatsMs.p99} ms`,
    ]);
  if (result.restocked) rows.push(['restocked during the run', String(result.restocked)]);
  if (result.loadPressure)
    rows.push([
      'CPU / IO pressure in the load',
      `some task waited for a core ${result.loadPressure.cpuSomePercent}% of the time, for IO ${result.loadPressure.ioSomePercent}%`,
    ]);
  rows.push([
    'CPU µs/request (load phase)',
    Object.entries(result.cpuMicrosPerRequest)
      .map(([service, us]) => `${service} ${us}`)
      .join(', '),
  ]);
  rows.push([
    'CPU µs/accepted (load + drain)',
    result.cpuMicrosPerAccepted
      ? Object.entries(result.cpuMicrosPerAccepted)
          .map(([service, us]) => `${service} ${us}`)
          .join(', ')
      : '- (nothing accepted)',
  ]);
  for (const p of result.processes)
    rows.push([
      `  ${p.name} (pid ${p.pid})`,
      `CPU ${p.cpuPercent}% (${p.cpuSeconds} s), during the load ${p.loadCpuPercent}% (${p.loadCpuSeconds} s), peak RSS ${p.peakRssMb} MB`,
    ]);
  rows.push(...screensRows(result.screens));
  for (const f of result.chaos.faults)
    rows.push([
      `  fault at ${f.atMs} ms`,
      `${f.fault}, down ${f.downMs} ms${f.detail ? ` (${f.detail})` : ''}${f.error ? ` (error: ${f.error})` : ''}`,
    ]);
  rows.push([
    'lost / not yet projected / oversold',
    `${result.chaos.lost} / ${result.chaos.unprojected} / ${result.chaos.oversold}`,
  ]);
  rows.push([
    "processors' rebuild vs live",
    result.replay.ran
      ? `${result.replay.problems.length === 0 ? 'equal' : 'DIFFERENT'} (${result.replay.seconds} s)`
      : `not run${result.replay.problems[0] ? `: ${result.replay.problems[0]}` : ''}`,
  ]);
  for (const [name, ok] of Object.entries(result.invariants))
    rows.push([`invariant ${name}`, mark(ok)]);
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const lines = rows.map(([label, value]) => `${pad(label, width)}${value}`);
  if (result.problems.length)
    lines.push('', 'problems:', ...result.problems.map((problem) => `  - ${problem}`));
  return lines.join('\n');
}

function hopRows(hops: HopsMs): [string, string][] {
  return [
    ["winner's hops p50 / p99", '(confirmed orders; winnerHops.ts)'],
    ...HOPS.map((hop): [string, string] => {
      const { p50, p99, samples } = hops[hop];
      return [`  ${hop}`, p50 === null ? '-' : `${p50} / ${p99} ms (${samples})`];
    }),
  ];
}

function quad(q: { p50: number; p95: number; p99: number; max: number }): string {
  return `${q.p50} / ${q.p95} / ${q.p99} / ${q.max} ms`;
}

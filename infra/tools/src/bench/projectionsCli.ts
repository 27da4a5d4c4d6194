import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PhaseCost } from './phaseMeter.js';
import { runProjectionsScenario, type ProjectionsResult } from './projectionsScenario.js';

/** `--scenario projections`: runs it, prints the figures, writes the JSON; exit code 0 when all green. */
export async function projectionsCli(opts: {
  events: string;
  warmUp: string;
  external: boolean;
  natsSync: string;
  drainTimeout: string;
  json?: string;
}): Promise<number> {
  const result = await runProjectionsScenario({
    events: Number(opts.events),
    warmUpEvents: Number(opts.warmUp),
    external: opts.external,
    natsSyncInterval: opts.natsSync,
    drainTimeoutMs: Number(opts.drainTimeout),
    onPhase: (phase) => console.error(`bench: ${phase}…`),
  });
  console.log(format(result));
  if (opts.json) {
    mkdirSync(path.dirname(path.resolve(opts.json)), { recursive: true });
    writeFileSync(opts.json, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nfigures written to ${opts.json}`);
  }
  const green = Object.values(result.invariants).every(Boolean);
  if (!green) console.error(`\nINVARIANT BROKEN:\n${result.problems.join('\n')}`);
  return green ? 0 : 1;
}

function format(r: ProjectionsResult): string {
  const rows: [string, string][] = [
    ['events', `${r.events} (after an untimed run of ${r.warmUpEvents})`],
    ['published in', `${r.publishSeconds} s`],
    [
      'live projections',
      `${r.liveSeconds} s = ${r.liveEventsPerSecond} events/s (${r.liveCpuSeconds} s CPU in node)`,
    ],
    [
      'rebuild',
      `${r.rebuildSeconds} s = ${r.rebuildEventsPerSecond} events/s (${r.rebuildCpuSeconds} s CPU in node)`,
    ],
    ['live cost', costLine(r.liveCost)],
    ['rebuild cost', costLine(r.rebuildCost)],
    ...Object.entries(r.invariants).map(([name, ok]): [string, string] => [
      name,
      ok ? 'ok' : 'BROKEN',
    ]),
  ];
  return rows.map(([label, value]) => `${label.padEnd(20)} ${value}`).join('\n');
}

function costLine({ cpuSeconds, pressure }: PhaseCost): string {
  const cpu = Object.entries(cpuSeconds)
    .map(([name, seconds]) => `${name} ${seconds} s`)
    .join(', ');
  return `CPU ${cpu}; CPU pressure ${pressure ? `${pressure.cpuSomePercent} %` : 'n/a'}`;
}

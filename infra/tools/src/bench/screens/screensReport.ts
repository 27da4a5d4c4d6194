import type { ScreensFigures } from './screenRun.js';

const reach = (r: { p50: number; p99: number; max: number }) => `${r.p50} / ${r.p99} / ${r.max} ms`;

/** The report's rows about the screens (`--screens N`). */
export function screensRows(screens: ScreensFigures | null): [string, string][] {
  if (!screens) return [];
  const { queryApi, soldOut, slowestChange, pushProbe, finalStock } = screens;
  const rows: [string, string][] = [
    [
      'screens connected / requested',
      `${screens.connected} / ${screens.requested} (ramp ${screens.rampSeconds} s, ${screens.processes} processes; ${screens.connectedAtEnd} at the end, ${screens.disconnects} drops)`,
    ],
    [
      'query-api memory per socket',
      `${queryApi.kbPerSocket} KB (${queryApi.after.instances.map((i) => `${i.name} ${i.sockets} sockets, ${Math.round(i.rssKb / 1024)} MB`).join('; ')})`,
    ],
    [
      'stock changes on screens',
      `${screens.changes}; slowest p50/p99/max ${slowestChange ? reach(slowestChange) : '-'} after its event`,
    ],
  ];
  rows.push([
    'final stock on every screen',
    `version ${finalStock.stockVersion}, available ${finalStock.available}: ${finalStock.everyScreenShowedIt ? 'shown on every screen' : 'NOT on every screen within 60 s'}`,
  ]);
  if (soldOut) {
    rows.push([
      'sold-out p50/p99/max',
      `${reach(soldOut)} after its event, on ${soldOut.reached} screens`,
    ]);
    if (soldOut.sinceLastAccepted)
      rows.push(['  ... after the last 202', reach(soldOut.sinceLastAccepted)]);
  }
  if (pushProbe) {
    const worst = pushProbe.reach.reduce((w, r) => Math.max(w, r.p99), 0);
    rows.push([
      'push probe (alone, after the run)',
      `${pushProbe.pushes} pushes: query-api ${pushProbe.cpuMsPerPush} ms CPU per push (kernel ${pushProbe.systemMsPerPush}), screens ${pushProbe.clientCpuMsPerPush} ms; worst p99 to every screen ${worst} ms${pushProbe.delivered ? '' : ' (NOT all delivered)'}`,
    ]);
  }
  return rows;
}

import type { ScreensFigures } from './screenRun.js';

const reach = (r: { p50: number; p99: number; max: number }) => `${r.p50} / ${r.p99} / ${r.max} ms`;

/** The report's rows about the screens (`--screens N`). */
export function screensRows(screens: ScreensFigures | null): [string, string][] {
  if (!screens) return [];
  const { queryApi, final, slowestChange, pushProbe } = screens;
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
  if (final) {
    rows.push([
      `last change (available ${final.available}) p50/p99/max`,
      `${reach(final)} after its event, on ${final.reached} screens`,
    ]);
    if (final.sinceLastAccepted)
      rows.push(['  ... after the last 202', reach(final.sinceLastAccepted)]);
  }
  if (pushProbe) {
    const worst = pushProbe.reach.reduce((w, r) => Math.max(w, r.p99), 0);
    rows.push([
      'push probe (alone, after the run)',
      `${pushProbe.pushes} pushes: query-api ${pushProbe.cpuMsPerPush} ms CPU per push; worst p99 to every screen ${worst} ms`,
    ]);
  }
  return rows;
}

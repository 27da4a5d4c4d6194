import { LatencyHistogram } from '../latencyHistogram.js';
import type { ScreenArrivals } from './screenMessages.js';
import type { ScreensReport } from './screens.js';

/** How long one stock change took to reach every screen, from its event. */
export interface ChangeReach {
  stockVersion: number;
  available: number;
  eventAt: string;
  /** Screens that showed this version or a newer one. */
  reached: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * When each screen first showed `versions[k]` or newer (epoch ms; undefined if it never did).
 * Instances coalesce on their own, so a screen may skip a version another screen got: showing a
 * newer one is what counts.
 */
export function firstShown(
  screen: ScreenArrivals,
  versions: readonly number[],
): (number | undefined)[] {
  const shown: (number | undefined)[] = versions.map(() => undefined);
  let covered = 0; // versions[0..covered) are already shown
  let highest = -Infinity;
  for (let j = 0; j < screen.versions.length; j++) {
    highest = Math.max(highest, screen.versions[j]!);
    while (covered < versions.length && versions[covered]! <= highest)
      shown[covered++] = screen.times[j];
  }
  return shown;
}

/** Per stock change pushed to the screens: reach p50/p99/max (ms after its event), oldest first. */
export function changeReach(report: ScreensReport): ChangeReach[] {
  const versions = [...report.pushes.keys()].sort((a, b) => a - b);
  const histograms = versions.map(() => new LatencyHistogram());
  const reached = versions.map(() => 0);
  const eventMs = versions.map((v) => Date.parse(report.pushes.get(v)!.eventAt));
  for (const screen of report.arrivals) {
    firstShown(screen, versions).forEach((at, k) => {
      if (at === undefined) return;
      reached[k]! += 1;
      histograms[k]!.recordMs(Math.max(0, at - eventMs[k]!));
    });
  }
  return versions.map((stockVersion, k) => {
    const { p50, p99, max } = histograms[k]!.summary();
    const { eventAt, available } = report.pushes.get(stockVersion)!;
    return { stockVersion, available, eventAt, reached: reached[k]!, p50, p99, max };
  });
}

/** Reach of the last change measured from another instant (the last 202 the load received). */
export function reachSince(report: ScreensReport, stockVersion: number, sinceMs: number) {
  const histogram = new LatencyHistogram();
  for (const screen of report.arrivals) {
    const [at] = firstShown(screen, [stockVersion]);
    if (at !== undefined) histogram.recordMs(Math.max(0, at - sinceMs));
  }
  const { p50, p99, max, count } = histogram.summary();
  return { p50, p99, max, reached: count };
}

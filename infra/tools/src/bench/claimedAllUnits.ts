import type { Accepted } from './loadGenerator.js';

/**
 * Ms from the first request sent to the 202 that claimed the last unit of the initial stock: the
 * moment the count of accepted units (one per purchase) reaches `units`, in the order the 202s
 * arrived. A declined payment gives its unit back, so this is when every unit had been handed out
 * once, not when the shelf stayed empty. Null when fewer orders than units were accepted (soldout
 * sells the units before the measured load).
 */
export function claimedAllUnitsMs(
  accepted: readonly Accepted[],
  units: number,
  loadStartedAt: number,
): number | null {
  const last = accepted[units - 1];
  return last ? Math.round((last.at - loadStartedAt) * 10) / 10 : null;
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { NatsConnection } from '@nats-io/nats-core';
import type { ProductChanged, ShopNaming } from '@scalemart/contracts';
import { cpuSecondsOf } from './queryApiFootprint.js';
import { changeReach, type ChangeReach } from './screenFigures.js';
import type { Screens } from './screens.js';

export interface PushProbeOptions {
  nc: NatsConnection;
  naming: ShopNaming;
  /** The last stock the screens saw: the probe's notices count up from its version. */
  last: Omit<ProductChanged, 'kind' | 'eventAt'>;
  queryApiPids: () => (number | undefined)[];
  screens: Screens;
  pushes?: number;
  /** Longer than query-api's coalescing interval, so every notice is a push of its own. */
  gapMs?: number;
}

export interface PushProbe {
  pushes: number;
  /** query-api CPU (all instances) per push to every screen, idle CPU subtracted, ms. */
  cpuMsPerPush: number;
  /** Each probe push: how long until every screen showed it. */
  reach: ChangeReach[];
}

/**
 * The cost of one push to a full room, alone: after the run (and its invariant checks), stock
 * notices for the product are published one at a time, as the processors would, and query-api's
 * CPU over them is compared with an idle window of the same length.
 */
export async function pushProbe(options: PushProbeOptions): Promise<PushProbe> {
  const pushes = options.pushes ?? 10;
  const gapMs = options.gapMs ?? 500;
  const cpu = () => options.queryApiPids().reduce<number>((sum, pid) => sum + cpuSecondsOf(pid), 0);
  const idleStart = cpu();
  await sleep(pushes * gapMs);
  const probeStart = cpu();
  for (let k = 1; k <= pushes; k++) {
    const notice: ProductChanged = {
      kind: 'product',
      ...options.last,
      stockVersion: options.last.stockVersion + k,
      eventAt: new Date().toISOString(),
    };
    options.nc.publish(options.naming.subjectOfNotice(notice), JSON.stringify(notice));
    await sleep(gapMs);
  }
  const probeEnd = cpu();
  const idle = probeStart - idleStart;
  const cpuMsPerPush = Math.round((((probeEnd - probeStart - idle) * 1000) / pushes) * 10) / 10;
  const report = await options.screens.report();
  const reach = changeReach(report).filter((c) => c.stockVersion > options.last.stockVersion);
  return { pushes, cpuMsPerPush, reach };
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { NatsConnection } from '@nats-io/nats-core';
import type { ProductChanged, ShopNaming } from '@scalemart/contracts';
import { cpuOf } from './queryApiFootprint.js';
import { changeReach, type ChangeReach } from './screenFigures.js';
import type { Screens } from './screens.js';

export interface PushProbeOptions {
  nc: NatsConnection;
  naming: ShopNaming;
  productId: string;
  /** Above every real stock version, so query-api's coalescer takes each probe notice. */
  fromVersion: number;
  queryApiPids: () => (number | undefined)[];
  /** The screens' own processes: what receiving costs on the same cores. */
  clientPids: () => number[];
  screens: Screens;
  pushes?: number;
  /** Longer than query-api's coalescing interval, so every notice is a push of its own. */
  gapMs?: number;
}

export interface PushProbe {
  pushes: number;
  /** Every screen showed the last probe push (within a minute). */
  delivered: boolean;
  /** query-api CPU (all instances) per push to every screen, idle rate subtracted, ms. */
  cpuMsPerPush: number;
  /** Of which in the kernel (loopback TCP: the receiving side's work is counted here too), ms. */
  systemMsPerPush: number;
  /** The screens' processes' CPU per push (the measuring side), ms. */
  clientCpuMsPerPush: number;
  /** Each probe push: how long until every screen showed it. */
  reach: ChangeReach[];
}

type Cpu = { user: number; system: number };

function sumCpu(pids: (number | undefined)[]): Cpu {
  return pids
    .map(cpuOf)
    .reduce((a, b) => ({ user: a.user + b.user, system: a.system + b.system }), {
      user: 0,
      system: 0,
    });
}

/**
 * The cost of one push to a full room, alone: once the run is checked and quiet, stock notices for
 * the product are published one at a time, as the processors would, and query-api's CPU until
 * every screen showed the last one is compared with its idle rate just before.
 */
export async function pushProbe(options: PushProbeOptions): Promise<PushProbe> {
  const pushes = options.pushes ?? 10;
  const gapMs = options.gapMs ?? 500;
  const cpu = () => sumCpu(options.queryApiPids());
  const clientCpu = () => {
    const { user, system } = sumCpu(options.clientPids());
    return user + system;
  };
  const idleFrom = { cpu: cpu(), at: performance.now() };
  await sleep(2_000);
  const from = { cpu: cpu(), at: performance.now() };
  const clientFrom = clientCpu();
  const idleSeconds = (from.at - idleFrom.at) / 1000;
  const idle = {
    user: (from.cpu.user - idleFrom.cpu.user) / idleSeconds,
    system: (from.cpu.system - idleFrom.cpu.system) / idleSeconds,
  };
  for (let k = 1; k <= pushes; k++) {
    const notice: ProductChanged = {
      kind: 'product',
      productId: options.productId,
      available: 0,
      pending: 0,
      sold: 0,
      stockVersion: options.fromVersion + k,
      eventAt: new Date().toISOString(),
    };
    options.nc.publish(options.naming.subjectOfNotice(notice), JSON.stringify(notice));
    await sleep(gapMs);
  }
  const delivered = await options.screens.allShowing(options.fromVersion + pushes, 60_000);
  const to = { cpu: cpu(), at: performance.now() };
  const seconds = (to.at - from.at) / 1000;
  const perPush = (key: keyof Cpu) =>
    Math.round(((to.cpu[key] - from.cpu[key] - idle[key] * seconds) * 10_000) / pushes) / 10;
  const report = await options.screens.report();
  return {
    pushes,
    delivered,
    cpuMsPerPush: Math.round((perPush('user') + perPush('system')) * 10) / 10,
    systemMsPerPush: perPush('system'),
    clientCpuMsPerPush: Math.round(((clientCpu() - clientFrom) * 10_000) / pushes) / 10,
    reach: changeReach(report).filter((c) => c.stockVersion > options.fromVersion),
  };
}

import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { CONSUMERS, shopNaming, type ShopEvent, type ShopNaming } from '@scalemart/contracts';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db, MongoClient } from 'mongodb';
import { createLogger } from '@scalemart/runtime/service';
import { mixedHistory, type Stack } from '@scalemart/testkit';
import { rebuild, startProcessors } from '@scalemart/processors';
import { ensureStreams } from '@scalemart/runtime';
import { meterPhase, type PhaseCost } from './phaseMeter.js';

const DURABLES = [CONSUMERS.projections];
/** About 2.35 events per order (placed, an outcome, a release per rejection, restocks). */
const EVENTS_PER_ORDER = 2.35;

/** The stack and clients a run of the phases uses. */
export interface PhaseDeps {
  stack: Stack;
  nc: NatsConnection;
  client: MongoClient;
  drainTimeoutMs: number;
  onPhase?: (phase: string) => void;
}

export interface PhasesResult {
  naming: ShopNaming;
  db: Db;
  rebuildDb: Db;
  events: number;
  publishSeconds: number;
  drained: boolean;
  liveSeconds: number;
  liveCpuSeconds: number;
  liveCost: PhaseCost;
  rebuild: { events: number; seconds: number };
  rebuildCpuSeconds: number;
  rebuildCost: PhaseCost;
}

/**
 * In a namespace of its own: publishes a mixed history of about `events`, runs the live
 * projections (one processors instance, in this process) from start to drained, then the
 * rebuild into an empty database.
 */
export async function runPhases(deps: PhaseDeps, namespace: string, events: number) {
  const { stack, nc, client } = deps;
  const naming = shopNaming(namespace);
  const db = client.db(`scalemart_${namespace}`);
  const rebuildDb = client.db(`scalemart_${namespace}_rebuild`);
  await ensureStreams(nc, naming);
  deps.onPhase?.('publishing');
  const history = mixedHistory({ products: 20, orders: Math.round(events / EVENTS_PER_ORDER) });
  const publishSeconds = await timed(() => publish(nc, naming, history));

  deps.onPhase?.('live projections');
  const started = performance.now();
  const liveCpu = process.cpuUsage();
  const liveMeter = meterPhase(stack);
  const running = await startProcessors({
    natsUrl: stack.urls.nats,
    redisUrl: stack.urls.redis,
    mongoUrl: stack.urls.mongo,
    mongoDb: db.databaseName,
    namespace,
    jobs: ['projections'],
    outboxRelay: false,
    port: null,
    logger: createLogger('processors', process.env.LOG_LEVEL ?? 'warn'),
  });
  const drained = await waitDrained(nc, naming, deps.drainTimeoutMs);
  const liveSeconds = (performance.now() - started) / 1000;
  const liveCpuSeconds = cpuSince(liveCpu);
  const liveCost = liveMeter();
  await running.close();

  deps.onPhase?.('rebuild');
  const rebuildCpu = process.cpuUsage();
  const rebuildMeter = meterPhase(stack);
  const rebuilt = await rebuild({
    nc,
    naming,
    db: rebuildDb,
    models: ['products', 'orders', 'sales'],
    mode: 'direct',
  });
  const rebuildCost = rebuildMeter();
  const rebuildCpuSeconds = cpuSince(rebuildCpu);
  return {
    naming,
    db,
    rebuildDb,
    events: history.length,
    publishSeconds: round(publishSeconds),
    drained,
    liveSeconds,
    liveCpuSeconds,
    liveCost,
    rebuild: { events: rebuilt.events, seconds: rebuilt.seconds },
    rebuildCpuSeconds,
    rebuildCost,
  } satisfies PhasesResult;
}

async function publish(nc: NatsConnection, naming: ShopNaming, events: ShopEvent[]): Promise<void> {
  const js = jetstream(nc);
  for (let i = 0; i < events.length; i += 500) {
    await Promise.all(
      events
        .slice(i, i + 500)
        .map((e) =>
          js.publish(naming.subjectFor(e.type, e.aggregateId), JSON.stringify(e), { msgID: e.id }),
        ),
    );
  }
}

/** Polls every 20 ms: at a few seconds per run, coarser polls would skew the figure. */
async function waitDrained(
  nc: NatsConnection,
  naming: ShopNaming,
  timeoutMs: number,
): Promise<boolean> {
  const jsm = await jetstreamManager(nc);
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const infos = await Promise.all(DURABLES.map((d) => jsm.consumers.info(naming.stream, d)));
    if (infos.every((i) => i.num_pending + i.num_ack_pending === 0)) return true;
    await sleep(20);
  }
  return false;
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

export const round = (seconds: number) => Math.round(seconds * 100) / 100;
const cpuSince = (start: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(start);
  return round((user + system) / 1e6);
};

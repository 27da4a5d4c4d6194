import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { CONSUMERS, shopNaming, type ShopEvent, type ShopNaming } from '@scalemart/contracts';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from 'mongodb';
import { connectMongo, connectNats, createLogger } from '../service/index.js';
import { externalStack } from '../stack/external.js';
import { LocalStack } from '../stack/local.js';
import type { Stack } from '../stack/types.js';
import { ensureStreams } from '../streams.js';
import { mixedHistory } from '../testkit/mixedHistory.js';
import { readReadModels } from './collectState.js';
import { compareReadModels } from './invariants.js';
import { meterPhase, type PhaseCost } from './phaseMeter.js';
import { compareReadModelDbs } from './replayComparison.js';
import { readStreamFacts } from './streamFacts.js';

/** What `--scenario projections` writes (issue 11). */
export interface ProjectionsResult {
  scenario: 'projections';
  events: number;
  publishSeconds: number;
  /** The three live projections, one processors instance, from its start to every durable drained. */
  liveSeconds: number;
  liveEventsPerSecond: number;
  /** CPU the bench process (processors in-process) spent in the live phase: a shared machine's wall time lies. */
  liveCpuSeconds: number;
  /** The processors' rebuild of all three read models into an empty database. */
  rebuildSeconds: number;
  rebuildEventsPerSecond: number;
  rebuildCpuSeconds: number;
  /** CPU of the bench (node) and of each server per phase, and the machine's CPU pressure. */
  liveCost: PhaseCost;
  rebuildCost: PhaseCost;
  invariants: { drained: boolean; readModelsEqualReplay: boolean; readModelsEqualRebuild: boolean };
  problems: string[];
  date: string;
}

export interface ProjectionsOptions {
  events: number;
  external: boolean;
  natsSyncInterval: string;
  drainTimeoutMs: number;
  onPhase?: (phase: string) => void;
}

/** The processors' public entry, as far as this scenario uses it (infra cannot depend on it). */
interface Processors {
  startProcessors(config: Record<string, unknown>): Promise<{ close(): Promise<void> }>;
  rebuild(options: {
    nc: NatsConnection;
    naming: ShopNaming;
    db: Db;
    models: string[];
    mode: 'direct';
  }): Promise<{ events: number; seconds: number }>;
}
const PROCESSORS = '@scalemart/processors';
const DURABLES = [CONSUMERS.projections];
/** About 2.35 events per order (placed, an outcome, a release per rejection, restocks). */
const EVENTS_PER_ORDER = 2.35;

/**
 * Publishes a consistent mixed history (20 products, orders confirmed or rejected with releases,
 * restocks), times the live projections over it, then the rebuild, and checks that the read models
 * equal the bench's own fold of the stream and the rebuild's documents.
 */
export async function runProjectionsScenario(
  options: ProjectionsOptions,
): Promise<ProjectionsResult> {
  const processors = (await import(PROCESSORS)) as Processors;
  const stack: Stack = options.external
    ? externalStack()
    : await LocalStack.start({ natsSyncInterval: options.natsSyncInterval });
  const namespace = `bp${randomBytes(4).toString('hex')}`;
  const naming = shopNaming(namespace);
  const nc = await connectNats(stack.urls.nats, 'bench-projections');
  const { client, db } = await connectMongo(stack.urls.mongo, `scalemart_${namespace}`);
  const rebuildDb = client.db(`scalemart_${namespace}_rebuild`);
  try {
    await ensureStreams(nc, naming);
    options.onPhase?.('publishing');
    const history = mixedHistory({
      products: 20,
      orders: Math.round(options.events / EVENTS_PER_ORDER),
    });
    const publishSeconds = await timed(() => publish(nc, naming, history));

    options.onPhase?.('live projections');
    const started = performance.now();
    const liveCpu = process.cpuUsage();
    const liveMeter = meterPhase(stack);
    const running = await processors.startProcessors({
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
    const drained = await waitDrained(nc, naming, options.drainTimeoutMs);
    const liveSeconds = (performance.now() - started) / 1000;
    const liveCpuSeconds = cpuSince(liveCpu);
    const liveCost = liveMeter();
    await running.close();

    options.onPhase?.('rebuild');
    const rebuildCpu = process.cpuUsage();
    const rebuildMeter = meterPhase(stack);
    const report = await processors.rebuild({
      nc,
      naming,
      db: rebuildDb,
      models: ['products', 'orders', 'sales'],
      mode: 'direct',
    });
    const rebuildCost = rebuildMeter();
    const rebuildCpuSeconds = cpuSince(rebuildCpu);
    options.onPhase?.('checking');
    const problems: string[] = drained
      ? []
      : [`the projections did not drain within ${options.drainTimeoutMs} ms`];
    const foldProblems: string[] = [];
    compareReadModels(
      {
        facts: await readStreamFacts(nc, naming),
        acceptedOrderIds: [],
        redis: new Map(),
        ...(await readReadModels(db)),
      },
      (p) => foldProblems.push(p),
    );
    const rebuildProblems = await compareReadModelDbs(db, rebuildDb);
    problems.push(...foldProblems.slice(0, 20), ...rebuildProblems);
    return {
      scenario: 'projections',
      events: history.length,
      publishSeconds: round(publishSeconds),
      liveSeconds: round(liveSeconds),
      liveEventsPerSecond: Math.round(history.length / liveSeconds),
      liveCpuSeconds,
      rebuildSeconds: round(report.seconds),
      rebuildEventsPerSecond: Math.round(report.events / report.seconds),
      rebuildCpuSeconds,
      liveCost,
      rebuildCost,
      invariants: {
        drained,
        readModelsEqualReplay: foldProblems.length === 0,
        readModelsEqualRebuild: rebuildProblems.length === 0,
      },
      problems,
      date: new Date().toISOString(),
    };
  } finally {
    await Promise.all([db, rebuildDb].map((d) => d.dropDatabase().catch(() => undefined)));
    await client.close();
    await nc.drain();
    await stack.stop();
  }
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

const round = (seconds: number) => Math.round(seconds * 100) / 100;
const cpuSince = (start: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(start);
  return round((user + system) / 1e6);
};

import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  connectMongo,
  connectNats,
  createAccessTokens,
  createRedis,
} from '@scalemart/runtime/service';
import { WriteModel } from '@scalemart/runtime/writeModel';
import { AdminClient, mintShopperTokens } from './adminClient.js';
import { BENCH_ADMIN, BENCH_JWT_SECRET, startBenchSystem } from './benchSystem.js';
import type { ScaleMart } from '../system/scaleMart.js';
import { quantiles, type BenchResult } from './benchResult.js';
import { runChaos } from './chaos.js';
import type { FaultRecord } from './faultRecord.js';
import { collectState } from './collectState.js';
import { waitForDrain, withTimeout, type DrainState } from './drain.js';
import { checkInvariants, type InvariantReport } from './invariants.js';
import { claimedAllUnitsMs } from './claimedAllUnits.js';
import type { OrderTimes } from './orderTimeline.js';
import { winnerHops } from './winnerHops.js';
import { LoadGenerator, type LoadTally } from './loadGenerator.js';
import { AdminStatsPoller } from './adminStatsPoller.js';
import { BenchOptions, type BenchInput } from './options.js';
import { ProcessStats, cpuMicrosPerAccepted, cpuMicrosPerRequest } from './processStats.js';
import { publishLatency, reserveLatency } from './publishLatency.js';
import { EndToEndProbe, ProjectionLagProbe } from './realtimeProbes.js';
import { planScenario } from './scenario.js';
import { compareWithRebuild } from './replayComparison.js';
import { ScreenRun } from './screens/screenRun.js';

export interface BenchHooks {
  /** Called with a short phase name (`starting`, `load`, `draining`, `checking`). */
  onPhase?: (phase: string) => void;
  onProgress?: (tally: LoadTally, expected: number | undefined) => void;
  /** The started system, so a Ctrl-C handler can stop every process the run spawned. */
  onSystem?: (system: ScaleMart) => void;
  onDrainState?: (state: DrainState) => void;
}

/** One full bench run: start the system, set up a sale, load it, drain, check every invariant. */
export async function runBench(input: BenchInput, hooks: BenchHooks = {}): Promise<BenchResult> {
  const options = BenchOptions.parse(input);
  const plan = planScenario(options);
  hooks.onPhase?.('starting');
  await using system = await startBenchSystem(options);
  hooks.onSystem?.(system);
  const nc = await connectNats(system.servers.urls.nats, 'bench');
  const redis = createRedis(system.servers.urls.redis, system.env.REDIS_KEY_PREFIX);
  redis.on('error', () => undefined); // chaos restarts Redis: ioredis reconnects, no need to shout
  const mongo = await connectMongo(system.servers.urls.mongo, system.env.MONGO_DB!);
  const store = new WriteModel(redis);
  const lag = new ProjectionLagProbe();
  const e2e = new EndToEndProbe();
  const stats = new AdminStatsPoller();
  let screenRun: ScreenRun | undefined;
  try {
    const admin = await AdminClient.login(system.commandApis[0]!.url, BENCH_ADMIN);
    const productId = `bench-${options.scenario}`;
    const opensAt = new Date(Date.now() + plan.opensInMs + (options.socketSample > 0 ? 1_000 : 0));
    await admin.createSale({
      productId,
      units: options.units,
      perUserLimit: plan.perUserLimit,
      startsAt: opensAt,
      durationMs: 3_600_000,
    });
    const shoppers = mintShopperTokens(BENCH_JWT_SECRET, options.shoppers, system.namespace);
    const sampled = sampleShoppers(
      shoppers.length,
      Math.min(options.units, shoppers.length),
      options.socketSample,
    );
    const sampledUsers = new Set(sampled.map((i) => shoppers[i]!.userId));
    lag.start(nc, system.naming);
    await e2e.connect(
      system.urls.queryApi,
      sampled.map((i) => shoppers[i]!.token),
    );
    if (options.scenario === 'mixed') {
      await e2e.watch(system.urls.queryApi, productId, 200);
      const adminToken = createAccessTokens({
        secret: BENCH_JWT_SECRET,
        issuer: 'scalemart',
        audience: 'scalemart',
        ttlSeconds: 3_600,
      }).sign({ sub: 'bench-admin', role: 'admin' }).token;
      stats.start(system.urls.queryApi, adminToken, 4);
    }
    if (options.screens > 0) {
      hooks.onPhase?.(`opening ${options.screens} screens`);
      screenRun = await ScreenRun.open(system, productId, options.screens);
    }
    await sleep(Math.max(0, opensAt.getTime() - Date.now()));
    const targets = system.commandApis.map((api) => api.url);
    if (plan.sellOutFirst) await sellOut(targets, productId, options.units, system.namespace);

    hooks.onPhase?.('load');
    const processStats = new ProcessStats(() => [
      ...system.pids(),
      ...(screenRun?.pids ?? []).map((pid) => ({ name: 'screens', pid })),
    ]);
    processStats.start();
    let acceptedSoFar = 0;
    const load = new LoadGenerator({
      targets,
      connections: options.connections,
      next: plan.purchases(shoppers, productId),
      ...(options.rate ? { rate: options.rate } : {}),
      retryWithIdempotencyKey: options.chaos,
      onAccepted: (accepted) => {
        acceptedSoFar += 1;
        if (sampledUsers.has(accepted.userId)) e2e.accepted(accepted.orderId, accepted.at);
      },
      onProgress: (tally) => hooks.onProgress?.(tally, expectedRequests(options)),
    });
    const stopRestocking = plan.restocker?.(admin, productId, () => acceptedSoFar);
    const chaosAbort = new AbortController();
    const chaos: Promise<FaultRecord[]> = options.chaos
      ? runChaos(system, {
          seed: options.seed,
          spreadMs: chaosSpreadMs(options),
          signal: chaosAbort.signal,
          productId,
        })
      : Promise.resolve([]);
    const tally = await load.run();
    processStats.markLoadEnd();
    const restocked = (await stopRestocking?.()) ?? 0;
    const faults = await chaos;
    await load.close();
    stats.stop();

    hooks.onPhase?.('draining');
    const drainStarted = performance.now();
    const drainProblem = await waitForDrain(
      { nc, naming: system.naming, store, db: mongo.db },
      options.drainTimeoutMs,
      hooks.onDrainState,
    ).then(
      () => undefined,
      (error: Error) => error.message,
    );
    const drainMs = performance.now() - drainStarted;
    const processes = processStats.finish();
    const publish = await publishLatency(targets);
    const reserve = await reserveLatency(targets);

    hooks.onPhase?.('checking');
    // Checked even when the drain timed out: the report then says what is missing, and fails.
    const state = await withTimeout(
      collectState(
        { nc, naming: system.naming, store, db: mongo.db },
        load.accepted.map((a) => a.orderId),
      ),
      60_000,
      'reading the stream, Redis and the read models',
    ).catch((error: Error) => error.message);
    const report = typeof state === 'string' ? unchecked(state) : checkInvariants(state);
    const hopsMs = winnerHops({
      acceptedAt: new Map(load.accepted.map((a) => [a.orderId, performance.timeOrigin + a.at])),
      timeline: typeof state === 'string' ? new Map<string, OrderTimes>() : state.facts.timeline,
      noticeAt: lag.confirmedNoticeAt,
      pushedAt: e2e.confirmedPushAt,
    });
    if (drainProblem) report.problems.unshift(drainProblem);
    // A second opinion on the read models: the processors' own rebuild, compared document by document.
    const replay =
      options.replayTimeoutMs > 0
        ? await compareWithRebuild(
            { nc, naming: system.naming, client: mongo.client, liveDb: system.env.MONGO_DB! },
            options.replayTimeoutMs,
          )
        : { ran: false, seconds: 0, problems: ['skipped (--replay-timeout 0)'] };
    if (replay.ran && replay.problems.length > 0) {
      report.invariants.readModelsEqualReplay = false;
      report.problems.push(...replay.problems);
    }
    const lastAccepted = Math.max(...load.accepted.map((a) => a.at));
    const screens = await screenRun?.finish({
      lastAcceptedAtMs: Number.isFinite(lastAccepted)
        ? performance.timeOrigin + lastAccepted
        : undefined,
      nc,
      naming: system.naming,
      probe: options.pushProbe,
    });
    const seconds = tally.elapsedMs / 1000;
    const acc = load.acceptedLatency.summary();
    const e2eSummary = e2e.endToEnd.summary();
    const lagSummary = lag.lag.summary();
    return {
      scenario: options.scenario,
      shoppers: options.shoppers,
      units: options.units,
      connections: options.connections,
      rate: options.rate ?? null,
      durationSeconds:
        options.scenario === 'sustained' || options.scenario === 'mixed'
          ? options.durationSeconds
          : null,
      stores: options.external
        ? null
        : {
            redisAppendFsync: options.redisAppendFsync,
            natsSyncInterval: options.natsSyncInterval,
          },
      requests: tally.requests,
      accepted: tally.accepted,
      refused: tally.refused,
      errors: tally.errors,
      refusedByCode: tally.refusedByCode,
      errorsByKind: tally.errorsByKind,
      elapsedMs: Math.round(tally.elapsedMs),
      requestsPerSecond: Math.round(tally.requests / seconds),
      acceptedPerSecond: Math.round(tally.accepted / seconds),
      latencyMs: { accepted: quantiles(acc), refused: quantiles(load.refusedLatency.summary()) },
      endToEndMs: { p50: e2eSummary.p50, p99: e2eSummary.p99, samples: e2eSummary.count },
      projectionLagMs: { p50: lagSummary.p50, p99: lagSummary.p99, samples: lagSummary.count },
      publishLatencyMs: publish ?? null,
      reserveLatencyMs: reserve ?? null,
      adminStatsMs: stats.count > 0 ? quantiles(stats.latency.summary()) : null,
      drainMs: Math.round(drainMs),
      drained: drainProblem === undefined,
      restocked,
      processes,
      cpuMicrosPerRequest: cpuMicrosPerRequest(processes, tally.requests),
      cpuMicrosPerAccepted: cpuMicrosPerAccepted(processes, tally.accepted),
      claimedAllUnitsMs: claimedAllUnitsMs(load.accepted, options.units, load.startedAt),
      hopsMs,
      loadPressure: processStats.loadPressure,
      invariants: report.invariants,
      problems: report.problems,
      replay,
      screens: screens ?? null,
      chaos: {
        faults,
        lost: report.lost,
        unprojected: report.unprojected,
        oversold: report.oversold,
      },
      machine: machine(),
      date: new Date().toISOString(),
    };
  } finally {
    lag.stop();
    e2e.close();
    screenRun?.close();
    stats.stop();
    await nc.close().catch(() => undefined);
    redis.disconnect();
    await mongo.client.close().catch(() => undefined);
  }
}

/** Every invariant counts as broken when the state could not even be read. */
function unchecked(problem: string): InvariantReport {
  return {
    invariants: {
      neverOversold: false,
      nothingLost: false,
      perUserLimitHeld: false,
      readModelsEqualReplay: false,
    },
    lost: -1,
    unprojected: -1,
    oversold: -1,
    problems: [problem],
  };
}

/** Spreads the socket sample evenly over the shoppers likely to be accepted (the first `likely`). */
function sampleShoppers(total: number, likely: number, sample: number): number[] {
  const count = Math.min(sample, likely, total);
  return Array.from({ length: count }, (_, k) => Math.floor((k * likely) / count));
}

/** soldout: the units go first (unmeasured) to other shoppers, so the flood meets an empty shelf. */
async function sellOut(
  targets: string[],
  productId: string,
  units: number,
  namespace: string,
): Promise<void> {
  const early = mintShopperTokens(BENCH_JWT_SECRET, units, `${namespace}-early`);
  let next = 0;
  const load = new LoadGenerator({
    targets,
    connections: 64,
    next: () => (next < early.length ? { shopper: early[next++]!, productId } : undefined),
  });
  await load.run();
  await load.close();
}

function expectedRequests(options: BenchOptions): number | undefined {
  if (options.scenario === 'herd' || options.scenario === 'soldout') return options.shoppers;
  return options.rate ? Math.round(options.rate * options.durationSeconds) : undefined;
}

function chaosSpreadMs(options: BenchOptions): number {
  if (options.scenario === 'sustained' || options.scenario === 'mixed')
    return options.durationSeconds * 800;
  return Math.max(2_000, options.shoppers / 3);
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

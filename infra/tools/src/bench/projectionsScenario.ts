import type { NatsConnection } from '@nats-io/nats-core';
import { randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import { connectMongo, connectNats } from '@scalemart/runtime/service';
import { externalStack, LocalStack, type Stack } from '@scalemart/testkit';
import { readReadModels } from './collectState.js';
import { compareReadModels } from './invariants.js';
import type { PhaseCost } from './phaseMeter.js';
import { round, runPhases, type PhaseDeps, type PhasesResult } from './projectionPhases.js';
import { compareReadModelDbs } from './replayComparison.js';
import { readStreamFacts } from './streamFacts.js';

/** What `--scenario projections` writes (issue 11). */
export interface ProjectionsResult {
  scenario: 'projections';
  events: number;
  /** Events the untimed run before this one projected and rebuilt (same servers, other namespace). */
  warmUpEvents: number;
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
  /** Events of the untimed run before (0: none, the servers start cold). */
  warmUpEvents: number;
  onPhase?: (phase: string) => void;
}

/**
 * Publishes a consistent mixed history (20 products, orders confirmed or rejected with releases,
 * restocks), times the live projections over it, then the rebuild, and checks that the read models
 * equal the bench's own fold of the stream and the rebuild's documents. A smaller run in a
 * namespace of its own warms the servers and the processors first (`warmUpEvents`): a shop's
 * servers run warm, while a fresh mongo-java-server spends seconds compiling its own code (JIT).
 */
export async function runProjectionsScenario(
  options: ProjectionsOptions,
): Promise<ProjectionsResult> {
  const stack: Stack = options.external
    ? externalStack()
    : await LocalStack.start({ natsSyncInterval: options.natsSyncInterval });
  const nc = await connectNats(stack.urls.nats, 'bench-projections');
  const { client } = await connectMongo(stack.urls.mongo, 'admin');
  const deps: PhaseDeps = { stack, nc, client, drainTimeoutMs: options.drainTimeoutMs };
  const dbs: Db[] = [];
  try {
    if (options.warmUpEvents > 0) {
      options.onPhase?.(`warming up (${options.warmUpEvents} events)`);
      const warm = await runPhases(
        deps,
        `bw${randomBytes(4).toString('hex')}`,
        options.warmUpEvents,
      );
      dbs.push(warm.db, warm.rebuildDb);
    }
    const run = await runPhases(
      { ...deps, onPhase: options.onPhase },
      `bp${randomBytes(4).toString('hex')}`,
      options.events,
    );
    dbs.push(run.db, run.rebuildDb);
    options.onPhase?.('checking');
    return { ...figuresOf(run, options.warmUpEvents), ...(await check(nc, run)) };
  } finally {
    await Promise.all(dbs.map((d) => d.dropDatabase().catch(() => undefined)));
    await client.close();
    await nc.drain();
    await stack.stop();
  }
}

function figuresOf(run: PhasesResult, warmUpEvents: number) {
  return {
    scenario: 'projections' as const,
    events: run.events,
    warmUpEvents,
    publishSeconds: run.publishSeconds,
    liveSeconds: round(run.liveSeconds),
    liveEventsPerSecond: Math.round(run.events / run.liveSeconds),
    liveCpuSeconds: run.liveCpuSeconds,
    rebuildSeconds: round(run.rebuild.seconds),
    rebuildEventsPerSecond: Math.round(run.rebuild.events / run.rebuild.seconds),
    rebuildCpuSeconds: run.rebuildCpuSeconds,
    liveCost: run.liveCost,
    rebuildCost: run.rebuildCost,
    date: new Date().toISOString(),
  };
}

/** The read models equal the bench's own fold of the stream, and the rebuild's documents. */
async function check(nc: NatsConnection, run: PhasesResult) {
  const problems: string[] = run.drained ? [] : ['the projections did not drain in time'];
  const foldProblems: string[] = [];
  compareReadModels(
    {
      facts: await readStreamFacts(nc, run.naming),
      acceptedOrderIds: [],
      redis: new Map(),
      ...(await readReadModels(run.db)),
    },
    (p) => foldProblems.push(p),
  );
  const rebuildProblems = await compareReadModelDbs(run.db, run.rebuildDb);
  problems.push(...foldProblems.slice(0, 20), ...rebuildProblems);
  return {
    invariants: {
      drained: run.drained,
      readModelsEqualReplay: foldProblems.length === 0,
      readModelsEqualRebuild: rebuildProblems.length === 0,
    },
    problems,
  };
}

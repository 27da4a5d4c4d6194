import { setTimeout as sleep } from 'node:timers/promises';
import type { ClusterStack } from '@scalemart/testkit';
import type { FaultRecord } from './faultRecord.js';

/** What the cluster faults aim at: the sale's stream and the product's stock key (prefix included). */
export interface ClusterTargets {
  stream: string;
  stockKey: string;
}

interface ClusterFault {
  name: string;
  /** When, as a fraction of the chaos spread. */
  at: number;
  /** The node that holds the role now (throws while nobody does). */
  holder(): Promise<string>;
}

const FAILOVER_DEADLINE_MS = 30_000;

/** Polls until a node other than `killed` holds the role; resolves with it. */
async function successorOf(fault: ClusterFault, killed: string): Promise<string> {
  const deadline = Date.now() + FAILOVER_DEADLINE_MS;
  while (Date.now() < deadline) {
    const holder = await fault.holder().catch(() => undefined);
    if (holder && holder !== killed) return holder;
    await sleep(100);
  }
  throw new Error(`nobody took over from ${killed} within ${FAILOVER_DEADLINE_MS} ms`);
}

/**
 * The cluster's faults, mid-load: kill -9 of the Redis master holding the product (its replica
 * must take over with every acknowledged reservation), then of the node leading the SHOP stream
 * (a follower must take over with every acknowledged order). Each node stays down until its
 * successor is in charge, then restarts and rejoins as replica or follower; the next fault waits
 * until the whole cluster is healthy again.
 */
export async function runClusterChaos(
  stack: ClusterStack,
  targets: ClusterTargets,
  options: { spreadMs: number; signal: AbortSignal },
): Promise<FaultRecord[]> {
  const faults: ClusterFault[] = [
    {
      name: "kill -9 the product's Redis master",
      at: 0.15,
      holder: () => stack.redisMasterOf(targets.stockKey),
    },
    {
      name: 'kill -9 the SHOP stream leader',
      at: 0.5,
      holder: () => stack.streamLeader(targets.stream),
    },
  ];
  const started = performance.now();
  const records: FaultRecord[] = [];
  for (const fault of faults) {
    await sleep(Math.max(0, fault.at * options.spreadMs - (performance.now() - started)));
    if (options.signal.aborted) break;
    const atMs = Math.round(performance.now() - started);
    const record: FaultRecord = { fault: fault.name, atMs, downMs: 0 };
    try {
      const victim = await fault.holder();
      const pid = stack.nodes.find((node) => node.id === victim)?.pid;
      await stack.crash(victim);
      const killedAt = performance.now();
      const successor = await successorOf(fault, victim);
      const takeoverMs = Math.round(performance.now() - killedAt);
      await stack.restart(victim);
      record.downMs = Math.round(performance.now() - killedAt);
      await stack.waitHealthy();
      const healedMs = Math.round(performance.now() - killedAt);
      record.detail =
        `${victim} (pid ${pid}) killed; ${successor} took over after ${takeoverMs} ms; ` +
        `${victim} restarted, cluster healthy again after ${healedMs} ms`;
    } catch (error) {
      record.error = error instanceof Error ? error.message.split('\n')[0] : String(error);
    }
    records.push(record);
  }
  return records;
}

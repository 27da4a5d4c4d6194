import { setTimeout as sleep } from 'node:timers/promises';
import { ClusterStack, LocalStack } from '@scalemart/testkit';
import type { ScaleMart } from '../system/scaleMart.js';
import { runClusterChaos } from './clusterChaos.js';
import type { FaultRecord } from './faultRecord.js';

/** A tiny seeded PRNG (mulberry32): a chaos run can be repeated with the same --seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Fault {
  name: string;
  down(): Promise<void>;
  up(): Promise<void>;
}

function faultsOf(system: ScaleMart): Fault[] {
  const faults: Fault[] = [];
  // The first command-api (`command-api-1` in the reports) and the processors.
  faults.push({
    name: 'kill -9 command-api-1',
    down: () => system.kill('command-api'),
    up: () => system.restart('command-api'),
  });
  faults.push({
    name: 'kill -9 processors',
    down: () => system.kill('processors'),
    up: () => system.restart('processors'),
  });
  const stack = system.servers;
  if (stack instanceof LocalStack) {
    faults.push({
      name: 'crash nats (kill -9)',
      down: () => stack.crash('nats'),
      up: () => stack.restart('nats'),
    });
    faults.push({
      name: 'crash redis (kill -9, AOF always)',
      down: () => stack.crash('redis'),
      up: () => stack.restart('redis'),
    });
  }
  return faults;
}

/**
 * Runs every fault once, in a shuffled order, at random moments within `spreadMs` of the start:
 * kill, stay down for 300-1000 ms, restart. Faults never overlap, so each one's effect is its own.
 */
export async function runChaos(
  system: ScaleMart,
  options: { seed: number; spreadMs: number; signal: AbortSignal; productId: string },
): Promise<FaultRecord[]> {
  if (system.servers instanceof ClusterStack) {
    const stockKey = `${system.env.REDIS_KEY_PREFIX ?? ''}stock:{p:${options.productId}}`;
    return runClusterChaos(system.servers, { stream: system.naming.stream, stockKey }, options);
  }
  const random = seededRandom(options.seed);
  const faults = faultsOf(system).sort(() => random() - 0.5);
  const started = performance.now();
  const gap = options.spreadMs / (faults.length + 1);
  const records: FaultRecord[] = [];
  for (const fault of faults) {
    await sleep(gap * (0.5 + random()));
    if (options.signal.aborted) break;
    const atMs = Math.round(performance.now() - started);
    const downMs = Math.round(300 + random() * 700);
    const record: FaultRecord = { fault: fault.name, atMs, downMs };
    try {
      await fault.down();
      await sleep(downMs);
      await fault.up();
    } catch (error) {
      record.error = error instanceof Error ? error.message.split('\n')[0] : String(error);
    }
    records.push(record);
  }
  return records;
}

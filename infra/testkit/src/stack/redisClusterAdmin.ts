import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { requireBinary } from './binaries.js';

const run = promisify(execFile);

/** One line of CLUSTER NODES, as much of it as the stack needs. */
export interface RedisClusterNode {
  port: number;
  role: 'master' | 'replica';
  failed: boolean;
  /** The master's node id (replicas) or this node's id (masters). */
  shard: string;
  slots: [number, number][];
}

/** Sends one command to one node and closes; undefined when the node does not answer. */
async function ask(port: number, ...command: string[]): Promise<unknown> {
  const redis = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: 1_000,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined); // a node that is down answers undefined, below
  try {
    await redis.connect();
    return await redis.call(command[0]!, ...command.slice(1));
  } catch {
    return undefined;
  } finally {
    redis.disconnect();
  }
}

/** `redis-cli --cluster create`: three masters with one replica each, slots spread evenly. */
export async function createRedisCluster(ports: number[]): Promise<void> {
  const cli = requireBinary('redis-cli');
  await run(cli, [
    '--cluster',
    'create',
    ...ports.map((port) => `127.0.0.1:${port}`),
    '--cluster-replicas',
    '1',
    '--cluster-yes',
  ]);
}

/** The cluster as `port` sees it (CLUSTER NODES); empty when that node does not answer. */
export async function redisClusterNodes(port: number): Promise<RedisClusterNode[]> {
  const reply = await ask(port, 'CLUSTER', 'NODES');
  if (typeof reply !== 'string') return [];
  return reply
    .trim()
    .split('\n')
    .map((line) => {
      const [id, address, flags, master, , , , , ...slots] = line.split(' ');
      const role = flags!.includes('master') ? 'master' : 'replica';
      return {
        port: Number(address!.split('@')[0]!.split(':')[1]),
        role,
        // `fail?` is one node's suspicion; `fail` is the cluster's verdict.
        failed: flags!.split(',').includes('fail'),
        shard: role === 'master' ? id! : master!,
        slots: slots
          .filter((range) => !range.startsWith('['))
          .map((range) => range.split('-').map(Number) as [number, number])
          .map(([from, to]) => [from, to ?? from] as [number, number]),
      } satisfies RedisClusterNode;
    });
}

/**
 * Healthy: every node answers and says cluster_state:ok, every shard has a master and a replica
 * whose replication link is up (so `WAIT 1` can be satisfied on every shard).
 */
export async function redisClusterHealthy(ports: number[]): Promise<boolean> {
  for (const port of ports) {
    const info = await ask(port, 'CLUSTER', 'INFO');
    if (typeof info !== 'string' || !info.includes('cluster_state:ok')) return false;
    const replication = await ask(port, 'INFO', 'replication');
    if (typeof replication !== 'string') return false;
    if (replication.includes('role:slave') && !replication.includes('master_link_status:up')) {
      return false;
    }
  }
  const nodes = await redisClusterNodes(ports[0]!);
  const live = nodes.filter((node) => !node.failed);
  const masters = live.filter((node) => node.role === 'master' && node.slots.length > 0);
  return (
    masters.length === 3 &&
    masters.every((master) => live.some((node) => node.shard === master.shard && node !== master))
  );
}

/** Polls `healthy` until it says yes, or throws after the deadline. */
export async function waitUntil(
  what: string,
  healthy: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await healthy().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${what} did not become healthy within ${timeoutMs} ms`);
}

/** The port of the master serving `key` now, asked of any node that answers. */
export async function redisMasterPortOf(ports: number[], key: string): Promise<number> {
  for (const port of ports) {
    const slot = await ask(port, 'CLUSTER', 'KEYSLOT', key);
    if (typeof slot !== 'number') continue;
    const nodes = await redisClusterNodes(port);
    const master = nodes.find(
      (node) =>
        node.role === 'master' &&
        !node.failed &&
        node.slots.some(([from, to]) => slot >= from && slot <= to),
    );
    if (master) return master.port;
  }
  throw new Error(`no Redis Cluster node knows a master for ${key}`);
}

/** The ports of the live replicas of the master on `masterPort`, asked of any node that answers. */
export async function redisReplicaPortsOf(ports: number[], masterPort: number): Promise<number[]> {
  for (const port of ports) {
    const nodes = await redisClusterNodes(port);
    const master = nodes.find((node) => node.port === masterPort && node.role === 'master');
    if (!master) continue;
    return nodes
      .filter((node) => node.role === 'replica' && !node.failed && node.shard === master.shard)
      .map((node) => node.port);
  }
  return [];
}

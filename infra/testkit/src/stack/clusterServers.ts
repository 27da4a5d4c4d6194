import path from 'node:path';
import { natsHealthy } from './probes.js';
import { natsSpec, redisSpec, type ServerSpec } from './localServers.js';

/** Redis Cluster's node timeout in the local cluster: a dead master is failed over in ~2 s. */
export const REDIS_CLUSTER_NODE_TIMEOUT_MS = 1_000;

/** One node of a clustered server: its spec, plus the ports only a cluster has. */
export interface ClusterNodeSpec extends ServerSpec {
  /** `nats-0`..`nats-2`, `redis-0`..`redis-5`: stable across restarts. */
  id: string;
  /** nats-server's monitoring port (NATS nodes only). */
  monitorPort?: number;
}

/**
 * One of three nats-server nodes clustered on loopback, each with its own JetStream store. A node
 * answers ready once /healthz is green, which needs the JetStream meta group to have a leader and
 * this node to be current: a restarted node is ready only once it caught up.
 */
export function natsClusterNodeSpec(options: {
  id: string;
  dir: string;
  port: number;
  monitorPort: number;
  routePort: number;
  routePorts: number[];
  syncInterval: string;
}): ClusterNodeSpec {
  const routes = options.routePorts.map((port) => `"nats-route://127.0.0.1:${port}"`);
  const spec = natsSpec({
    dir: options.dir,
    port: options.port,
    sidePort: options.monitorPort,
    syncInterval: options.syncInterval,
    serverName: `scalemart-${options.id}`,
    extraConfig: [
      'cluster {',
      '  name: "scalemart"',
      `  listen: "127.0.0.1:${options.routePort}"`,
      `  routes: [${routes.join(', ')}]`,
      '}',
    ],
    ready: natsHealthy,
    startTimeoutMs: 60_000,
  });
  return { id: options.id, monitorPort: options.monitorPort, ...spec };
}

/**
 * One Redis Cluster node. `cluster-replica-validity-factor 0`: a replica may always take over,
 * however long it lost its master (a shard without master refuses writes). Full coverage off: a
 * shard that lost its master fails closed on its own slots while the others keep selling.
 */
export function redisClusterNodeSpec(options: {
  id: string;
  dir: string;
  port: number;
  appendFsync: 'no' | 'everysec' | 'always';
}): ClusterNodeSpec {
  const extraArgs = [
    '--cluster-enabled',
    'yes',
    '--cluster-config-file',
    path.join(options.dir, 'nodes.conf'),
    '--cluster-node-timeout',
    String(REDIS_CLUSTER_NODE_TIMEOUT_MS),
    '--cluster-replica-validity-factor',
    '0',
    '--cluster-require-full-coverage',
    'no',
  ];
  return { id: options.id, ...redisSpec({ ...options, extraArgs }) };
}

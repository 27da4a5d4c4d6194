import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { requireBinary } from './binaries.js';
import { natsHealthy } from './probes.js';
import { redisSpec, type ServerSpec } from './localServers.js';
import { spawnServer } from './spawnServer.js';

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
  const program = requireBinary('nats-server');
  const store = path.join(options.dir, 'jetstream');
  const config = path.join(options.dir, 'nats.conf');
  mkdirSync(store, { recursive: true });
  const routes = options.routePorts.map((port) => `nats-route://127.0.0.1:${port}`);
  writeFileSync(
    config,
    [
      `listen: "127.0.0.1:${options.port}"`,
      `http: "127.0.0.1:${options.monitorPort}"`,
      `server_name: "scalemart-${options.id}"`,
      'jetstream {',
      `  store_dir: "${store}"`,
      `  sync_interval: ${options.syncInterval}`,
      '  max_memory_store: 256MB',
      '}',
      'cluster {',
      '  name: "scalemart"',
      `  listen: "127.0.0.1:${options.routePort}"`,
      `  routes: [${routes.map((route) => `"${route}"`).join(', ')}]`,
      '}',
      '',
    ].join('\n'),
  );
  return {
    id: options.id,
    name: 'nats',
    port: options.port,
    monitorPort: options.monitorPort,
    url: `nats://127.0.0.1:${options.port}`,
    start: () =>
      spawnServer({
        name: 'nats',
        program,
        args: ['-c', config],
        logDir: options.dir,
        ready: () => natsHealthy(options.monitorPort),
        timeoutMs: 60_000,
      }),
  };
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

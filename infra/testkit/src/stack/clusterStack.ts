import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import {
  natsClusterNodeSpec,
  redisClusterNodeSpec,
  type ClusterNodeSpec,
} from './clusterServers.js';
import { clusterPorts } from './clusterPorts.js';
import { freePort } from './freePort.js';
import { DEFAULT_NATS_SYNC_INTERVAL, mongoSpec } from './localServers.js';
import { natsHealthy } from './probes.js';
import { forgetStack, reapOrphanedStacks, recordStack } from './processRegistry.js';
import {
  createRedisCluster,
  redisClusterHealthy,
  redisClusterNodes,
  redisMasterPortOf,
  redisReplicaPortsOf,
  waitUntil,
} from './redisClusterAdmin.js';
import type { SpawnedServer } from './spawnServer.js';
import type { LocalStackOptions, ServerProcess, Stack } from './types.js';

/** A running node: which server, its stable id, its PID now. */
export interface ClusterNode extends ServerProcess {
  id: string;
}

/**
 * The cluster topology on loopback: three nats-server nodes with JetStream (streams at R3), Redis
 * Cluster of three masters with one replica each, one MongoDB (stand-in). Beyond Stack, it kills
 * and restarts single nodes by id and tells which node leads a stream or masters a key.
 */
export class ClusterStack implements Stack {
  readonly kind = 'local' as const;
  readonly topology = 'cluster' as const;
  readonly #running = new Map<string, SpawnedServer>();
  readonly #registryId = `${process.pid}-${randomBytes(4).toString('hex')}`;
  #stopped = false;

  private constructor(
    private readonly specs: ClusterNodeSpec[],
    private readonly tempDir: string | undefined,
    readonly dataDir: string,
  ) {}

  static async start(options: LocalStackOptions = {}): Promise<ClusterStack> {
    reapOrphanedStacks();
    const root = options.dataDir || mkdtempSync(path.join(tmpdir(), 'scalemart-cluster-'));
    const dir = (name: string) => {
      const sub = path.join(root, name);
      mkdirSync(sub, { recursive: true });
      return sub;
    };
    const {
      nats: natsPorts,
      monitor,
      route,
      redis: redisPorts,
    } = await clusterPorts(options.dataDir);
    const specs: ClusterNodeSpec[] = [
      ...natsPorts.map((port, i) =>
        natsClusterNodeSpec({
          id: `nats-${i}`,
          dir: dir(`nats-${i}`),
          port,
          monitorPort: monitor[i]!,
          routePort: route[i]!,
          routePorts: route,
          syncInterval: options.natsSyncInterval ?? DEFAULT_NATS_SYNC_INTERVAL,
        }),
      ),
      ...redisPorts.map((port, i) =>
        redisClusterNodeSpec({
          id: `redis-${i}`,
          dir: dir(`redis-${i}`),
          port,
          appendFsync: options.redisAppendFsync ?? 'no',
        }),
      ),
      {
        id: 'mongo',
        ...mongoSpec({
          dir: dir('mongo'),
          port: options.ports?.mongo ?? (await freePort()),
          store: options.mongoStore ?? (options.dataDir ? 'disk' : 'memory'),
        }),
      },
    ];
    const stack = new ClusterStack(specs, options.dataDir ? undefined : root, root);
    try {
      await Promise.all(specs.map((spec) => stack.#start(spec.id)));
      // A kept data dir holds a cluster already formed (npm start's second run).
      if ((await redisClusterNodes(redisPorts[0]!)).length < redisPorts.length) {
        await createRedisCluster(redisPorts);
      }
      await stack.waitHealthy();
    } catch (error) {
      await stack.stop();
      throw error;
    }
    return stack;
  }

  #spec(id: string): ClusterNodeSpec {
    const spec = this.specs.find((candidate) => candidate.id === id);
    if (!spec) throw new Error(`no node ${id} in this cluster`);
    return spec;
  }

  #of(name: ServerProcess['name']) {
    return this.specs.filter((spec) => spec.name === name);
  }

  get urls() {
    return {
      nats: this.#of('nats')
        .map((spec) => spec.url)
        .join(','),
      redis: this.#of('redis')
        .map((spec) => spec.url)
        .join(','),
      mongo: this.#spec('mongo').url,
    };
  }

  get natsMonitorUrl(): string {
    return `http://127.0.0.1:${this.#of('nats')[0]!.monitorPort}`;
  }

  /** Every node running now, with its id and PID. */
  get nodes(): ClusterNode[] {
    return this.specs.flatMap((spec) => {
      const server = this.#running.get(spec.id);
      if (!server) return [];
      const { id, name, port, url } = spec;
      return [{ id, name, port, url, pid: server.pid, program: path.basename(server.program) }];
    });
  }

  get processes(): ServerProcess[] {
    return this.nodes.map(({ id: _id, ...process }) => process);
  }

  async #start(id: string): Promise<void> {
    this.#running.set(id, await this.#spec(id).start());
    recordStack(this.#registryId, {
      ownerPid: process.pid,
      servers: [...this.#running.values()].map(({ pid, program }) => ({ pid, program })),
      tempDirs: this.tempDir ? [this.tempDir] : [],
    });
  }

  /** kill -9 of one node, as a crash would; its data stays for `restart`. */
  async crash(id: string): Promise<void> {
    await this.#running.get(id)?.kill();
    this.#running.delete(id);
  }

  /** Starts a crashed node again on its ports with its data; it rejoins its cluster. */
  async restart(id: string): Promise<void> {
    await this.crash(id);
    await this.#start(id);
  }

  /** Waits until every NATS node is current and every Redis shard has a master and a replica. */
  async waitHealthy(timeoutMs = 60_000): Promise<void> {
    const monitors = this.#of('nats').map((spec) => spec.monitorPort!);
    const redisPorts = this.#of('redis').map((spec) => spec.port);
    await waitUntil(
      'the NATS cluster',
      async () => (await Promise.all(monitors.map(natsHealthy))).every(Boolean),
      timeoutMs,
    );
    await waitUntil('Redis Cluster', () => redisClusterHealthy(redisPorts), timeoutMs);
  }

  /** The id of the Redis node that is master of `key`'s slot now (the key as stored, prefix included). */
  async redisMasterOf(key: string): Promise<string> {
    const port = await redisMasterPortOf(
      this.#of('redis').map((spec) => spec.port),
      key,
    );
    return this.#of('redis').find((spec) => spec.port === port)!.id;
  }

  /** The ids of the replicas of the Redis master `masterId`. */
  async redisReplicasOf(masterId: string): Promise<string[]> {
    const redis = this.#of('redis');
    const ports = await redisReplicaPortsOf(
      redis.map((spec) => spec.port),
      this.#spec(masterId).port,
    );
    return redis.filter((spec) => ports.includes(spec.port)).map((spec) => spec.id);
  }

  /**
   * The id of the NATS node that leads `stream` now. Right after a node is killed the stream (or
   * the meta leader) may be electing: the question is asked again until a leader answers.
   */
  async streamLeader(stream: string, timeoutMs = 30_000): Promise<string> {
    const nc = await connect({ servers: this.urls.nats.split(',') });
    let leader: string | undefined;
    try {
      const jsm = await jetstreamManager(nc, { checkAPI: false });
      await waitUntil(
        `a leader of stream ${stream}`,
        async () => {
          leader = (await jsm.streams.info(stream)).cluster?.leader;
          return leader !== undefined;
        },
        timeoutMs,
      );
      return leader!.replace(/^scalemart-/, '');
    } finally {
      await nc.close();
    }
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await Promise.all([...this.#running.values()].map((server) => server.stop()));
    this.#running.clear();
    if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
    forgetStack(this.#registryId);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

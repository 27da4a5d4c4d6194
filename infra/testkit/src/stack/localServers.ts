import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findBinary, requireBinary } from './binaries.js';
import { mongoReady, natsReady, redisReady } from './probes.js';
import { spawnServer, type SpawnedServer } from './spawnServer.js';
import type { MongoStore, ServerProcess } from './types.js';

export interface ServerSpec {
  name: ServerProcess['name'];
  port: number;
  url: string;
  start(): Promise<SpawnedServer>;
}

interface SpecOptions {
  dir: string;
  port: number;
}

/**
 * JetStream's fsync interval. nats-server's default (2 minutes) can lose acknowledged writes when
 * the OS crashes (Jepsen, 2025); `always` fsyncs each write before the PubAck. See README's
 * "Durability" section for what it costs here.
 */
export const DEFAULT_NATS_SYNC_INTERVAL = 'always';

/**
 * One nats-server with JetStream on loopback. A cluster node adds its `cluster {}` block
 * (`extraConfig`), a stable name, and a stricter readiness probe.
 */
export function natsSpec(
  options: SpecOptions & {
    syncInterval: string;
    /** nats-server's monitoring port. */ sidePort: number;
    serverName?: string;
    extraConfig?: string[];
    ready?: (monitorPort: number) => Promise<boolean>;
    startTimeoutMs?: number;
  },
): ServerSpec {
  const program = requireBinary('nats-server');
  const store = path.join(options.dir, 'jetstream');
  const config = path.join(options.dir, 'nats.conf');
  mkdirSync(store, { recursive: true });
  writeFileSync(
    config,
    [
      `listen: "127.0.0.1:${options.port}"`,
      `http: "127.0.0.1:${options.sidePort}"`,
      `server_name: "${options.serverName ?? `scalemart-${options.port}`}"`,
      'jetstream {',
      `  store_dir: "${store}"`,
      `  sync_interval: ${options.syncInterval}`,
      '  max_memory_store: 256MB',
      '}',
      ...(options.extraConfig ?? []),
      '',
    ].join('\n'),
  );
  const ready = options.ready ?? natsReady;
  return {
    name: 'nats',
    port: options.port,
    url: `nats://127.0.0.1:${options.port}`,
    start: () =>
      spawnServer({
        name: 'nats',
        program,
        args: ['-c', config],
        logDir: options.dir,
        ready: () => ready(options.sidePort),
        ...(options.startTimeoutMs ? { timeoutMs: options.startTimeoutMs } : {}),
      }),
  };
}

/** One redis-server on loopback; `extraArgs` follow the common ones (a cluster node's settings). */
export function redisSpec(
  options: SpecOptions & { appendFsync: string; extraArgs?: string[] },
): ServerSpec {
  const program = requireBinary('redis-server');
  const aof = options.appendFsync !== 'no';
  const args = [
    '--port',
    String(options.port),
    '--bind',
    '127.0.0.1',
    '--dir',
    options.dir,
    '--save',
    '',
    '--appendonly',
    aof ? 'yes' : 'no',
    ...(aof ? ['--appendfsync', options.appendFsync] : []),
    '--protected-mode',
    'no',
    ...(options.extraArgs ?? []),
  ];
  return {
    name: 'redis',
    port: options.port,
    url: `redis://127.0.0.1:${options.port}`,
    start: () =>
      spawnServer({
        name: 'redis',
        program,
        args,
        logDir: options.dir,
        ready: () => redisReady(options.port),
      }),
  };
}

/** mongod when one is on PATH; mongo-java-server (memory or H2 on disk) otherwise. */
export function mongoSpec(options: SpecOptions & { store: MongoStore }): ServerSpec {
  const url = `mongodb://127.0.0.1:${options.port}/`;
  const data = path.join(options.dir, 'data');
  mkdirSync(data, { recursive: true });
  const mongod = findBinary('mongod');
  const { program, args } = mongod
    ? {
        program: mongod,
        args: [
          '--port',
          String(options.port),
          '--bind_ip',
          '127.0.0.1',
          '--dbpath',
          data,
          '--quiet',
        ],
      }
    : mongoJavaServerCommand({ ...options, data });
  return {
    name: 'mongo',
    port: options.port,
    url,
    start: () =>
      spawnServer({
        name: 'mongo',
        program,
        args,
        logDir: options.dir,
        ready: () => mongoReady(url),
      }),
  };
}

function mongoJavaServerCommand(options: { port: number; store: MongoStore; data: string }) {
  const home = requireBinary('mongo-java-server');
  const classpath = [path.join(home, 'lib', '*'), path.join(home, 'classes')].join(path.delimiter);
  const backend =
    options.store === 'memory' ? 'memory' : `h2:${path.join(options.data, 'scalemart.mv')}`;
  return {
    program: requireBinary('java'),
    // Serial GC: a small heap on a 2-core machine, and no GC threads competing with the services.
    args: [
      '-XX:+UseSerialGC',
      '-Xss512k',
      '-cp',
      classpath,
      'MongoStandIn',
      backend,
      '127.0.0.1',
      String(options.port),
    ],
  };
}

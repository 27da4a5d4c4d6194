import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findBinary, requireBinary } from './binaries.js';
import { mongoReady, natsReady, redisReady } from './probes.js';
import { spawnServer, type SpawnedServer } from './spawnServer.js';
import type { ServerProcess } from './types.js';

export interface ServerSpec {
  name: ServerProcess['name'];
  port: number;
  url: string;
  start(): Promise<SpawnedServer>;
}

interface SpecOptions {
  dir: string;
  port: number;
  /** A second port, for nats-server's monitoring and FerretDB's debug handler. */
  sidePort: number;
}

/**
 * JetStream's fsync interval. nats-server's default (2 minutes) can lose acknowledged writes when
 * the OS crashes (Jepsen, 2025); `always` fsyncs each write before the PubAck. See README's
 * "Durability" section for what it costs here.
 */
export const DEFAULT_NATS_SYNC_INTERVAL = 'always';

export function natsSpec(options: SpecOptions & { syncInterval: string }): ServerSpec {
  const program = requireBinary('nats-server');
  const store = path.join(options.dir, 'jetstream');
  const config = path.join(options.dir, 'nats.conf');
  mkdirSync(store, { recursive: true });
  writeFileSync(
    config,
    [
      `listen: "127.0.0.1:${options.port}"`,
      `http: "127.0.0.1:${options.sidePort}"`,
      `server_name: "scalemart-${options.port}"`,
      'jetstream {',
      `  store_dir: "${store}"`,
      `  sync_interval: ${options.syncInterval}`,
      '  max_memory_store: 256MB',
      '}',
      '',
    ].join('\n'),
  );
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
        ready: () => natsReady(options.sidePort),
      }),
  };
}

export function redisSpec(options: SpecOptions & { appendFsync: string }): ServerSpec {
  const program = requireBinary('redis-server');
  const aof = options.appendFsync !== 'no';
  const args = [
    '--port', String(options.port),
    '--bind', '127.0.0.1',
    '--dir', options.dir,
    '--save', '',
    '--appendonly', aof ? 'yes' : 'no',
    ...(aof ? ['--appendfsync', options.appendFsync] : []),
    '--protected-mode', 'no',
  ];
  return {
    name: 'redis',
    port: options.port,
    url: `redis://127.0.0.1:${options.port}`,
    start: () =>
      spawnServer({ name: 'redis', program, args, logDir: options.dir, ready: () => redisReady(options.port) }),
  };
}

/** mongod when one is on PATH; FerretDB (SQLite backend) otherwise. */
export function mongoSpec(options: SpecOptions): ServerSpec {
  const url = `mongodb://127.0.0.1:${options.port}/`;
  const data = path.join(options.dir, 'data');
  mkdirSync(data, { recursive: true });
  const mongod = findBinary('mongod');
  const program = mongod ?? requireBinary('ferretdb');
  const args = mongod
    ? ['--port', String(options.port), '--bind_ip', '127.0.0.1', '--dbpath', data, '--quiet']
    : [
        '--handler=sqlite',
        `--sqlite-url=file:${data}/`,
        `--state-dir=${options.dir}`,
        `--listen-addr=127.0.0.1:${options.port}`,
        `--debug-addr=127.0.0.1:${options.sidePort}`,
        '--telemetry=disable',
        '--log-level=warn',
      ];
  return {
    name: 'mongo',
    port: options.port,
    url,
    start: () => spawnServer({ name: 'mongo', program, args, logDir: options.dir, ready: () => mongoReady(url) }),
  };
}

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './freePort.js';
import {
  DEFAULT_NATS_SYNC_INTERVAL,
  mongoSpec,
  natsSpec,
  redisSpec,
  type ServerSpec,
} from './localServers.js';
import { forgetStack, reapOrphanedStacks, recordStack } from './processRegistry.js';
import type { SpawnedServer } from './spawnServer.js';
import type { LocalStackOptions, ServerProcess, Stack } from './types.js';

type ServerName = ServerProcess['name'];

/** Servers spawned on this machine. Beyond Stack, it can kill and restart one (fault tests). */
export class LocalStack implements Stack {
  readonly kind = 'local' as const;
  readonly topology = 'single' as const;
  readonly #running = new Map<ServerName, SpawnedServer>();
  #stopped = false;

  private constructor(
    private readonly specs: Record<ServerName, ServerSpec>,
    readonly natsMonitorUrl: string,
    private readonly tempDir: string | undefined,
    private readonly registryId: string,
    /** Where the servers keep their data and logs. */
    readonly dataDir: string,
  ) {}

  /** Starts nats-server, redis-server and mongod (or its stand-in) at once, each on its own port. */
  static async start(options: LocalStackOptions = {}): Promise<LocalStack> {
    reapOrphanedStacks();
    // Without a data dir the stack lives in a temporary one, which stop() removes.
    const root = options.dataDir || mkdtempSync(path.join(tmpdir(), 'scalemart-'));
    const tempDir = options.dataDir ? undefined : root;
    const dir = (name: string) => {
      const sub = path.join(root, name);
      mkdirSync(sub, { recursive: true });
      return sub;
    };
    const port = async (name: ServerName) => options.ports?.[name] ?? (await freePort());
    const monitorPort = await freePort();
    const specs = {
      nats: natsSpec({
        dir: dir('nats'),
        port: await port('nats'),
        sidePort: monitorPort,
        syncInterval: options.natsSyncInterval ?? DEFAULT_NATS_SYNC_INTERVAL,
      }),
      redis: redisSpec({
        dir: dir('redis'),
        port: await port('redis'),
        appendFsync: options.redisAppendFsync ?? 'no',
      }),
      mongo: mongoSpec({
        dir: dir('mongo'),
        port: await port('mongo'),
        store: options.mongoStore ?? (options.dataDir ? 'disk' : 'memory'),
      }),
    };
    const registryId = `${process.pid}-${randomBytes(4).toString('hex')}`;
    const stack = new LocalStack(
      specs,
      `http://127.0.0.1:${monitorPort}`,
      tempDir,
      registryId,
      root,
    );
    const started = await Promise.allSettled(
      (Object.keys(specs) as ServerName[]).map((name) => stack.startServer(name)),
    );
    const failure = started.find((result) => result.status === 'rejected');
    if (failure) {
      await stack.stop();
      throw failure.reason;
    }
    return stack;
  }

  get urls() {
    return { nats: this.specs.nats.url, redis: this.specs.redis.url, mongo: this.specs.mongo.url };
  }

  get processes(): ServerProcess[] {
    return [...this.#running].map(([name, server]) => ({
      name,
      program: path.basename(server.program),
      pid: server.pid,
      port: this.specs[name].port,
      url: this.specs[name].url,
    }));
  }

  private async startServer(name: ServerName): Promise<void> {
    this.#running.set(name, await this.specs[name].start());
    this.#record();
  }

  /** Keeps the on-disk note of our PIDs current, for cleanup after a crashed run. */
  #record(): void {
    recordStack(this.registryId, {
      ownerPid: process.pid,
      servers: [...this.#running.values()].map(({ pid, program }) => ({ pid, program })),
      tempDirs: this.tempDir ? [this.tempDir] : [],
    });
  }

  /** Kills one server with SIGKILL, as a crash would; its data stays for `restart`. */
  async crash(name: ServerName): Promise<void> {
    await this.#running.get(name)?.kill();
    this.#running.delete(name);
  }

  /** Starts a crashed or stopped server again on the same port with the same data. */
  async restart(name: ServerName): Promise<void> {
    await this.crash(name);
    await this.startServer(name);
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await Promise.all([...this.#running.values()].map((server) => server.stop()));
    this.#running.clear();
    if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
    forgetStack(this.registryId);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

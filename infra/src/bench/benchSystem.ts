import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { shopNaming, type ShopNaming } from '@scalemart/contracts';
import { externalStack } from '../stack/external.js';
import { freePort } from '../stack/freePort.js';
import { LocalStack } from '../stack/local.js';
import type { Stack } from '../stack/types.js';
import { ServiceProcess } from './serviceProcess.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export const BENCH_ADMIN = {
  email: 'bench-admin@scalemart.test',
  password: 'bench-admin-password-1',
};

export interface BenchSystemOptions {
  external: boolean;
  chaos: boolean;
  commandApis: number;
  paymentLatencyMs?: number;
  cpuProfDir?: string;
  natsSyncInterval?: string;
}

export class MissingBuildError extends Error {
  override readonly name = 'MissingBuildError';
}

/**
 * The whole system under test: the servers (a LocalStack, or external URLs) and every service as
 * its own process, in a namespace of its own so a bench never touches another deployment's data.
 */
export class BenchSystem implements AsyncDisposable {
  private constructor(
    readonly stack: Stack,
    readonly namespace: string,
    readonly naming: ShopNaming,
    readonly env: Record<string, string>,
    readonly commandApis: ServiceProcess[],
    readonly processors: ServiceProcess,
    readonly queryApi: ServiceProcess,
    readonly logDir: string,
  ) {}

  static async start(options: BenchSystemOptions): Promise<BenchSystem> {
    const entries = {
      commandApi: path.join(repoRoot, 'command-api/dist/main.js'),
      processors: path.join(repoRoot, 'processors/dist/main.js'),
      queryApi: path.join(repoRoot, 'query-api/dist/main.js'),
    };
    const missing = Object.values(entries).filter((entry) => !existsSync(entry));
    if (missing.length > 0) {
      throw new MissingBuildError(
        `build the services first (npm run build); missing ${missing.join(', ')}`,
      );
    }
    // Chaos restarts Redis: only an AOF fsynced before each answer keeps every reservation.
    const stack: Stack = options.external
      ? externalStack()
      : await LocalStack.start({
          redisAppendFsync: options.chaos ? 'always' : 'no',
          natsSyncInterval: options.natsSyncInterval ?? 'always',
        });
    const namespace = `b${randomBytes(5).toString('hex')}`;
    const env = serviceEnv(stack, namespace, options.paymentLatencyMs);
    const logDir = mkdtempSync(path.join(tmpdir(), 'scalemart-bench-'));
    const make = async (name: string, entry: string) =>
      new ServiceProcess({
        name,
        entry,
        port: await freePort(),
        env,
        logFile: path.join(logDir, `${name}.log`),
        ...(options.cpuProfDir ? { cpuProfDir: options.cpuProfDir } : {}),
      });
    const commandApis: ServiceProcess[] = [];
    for (let i = 1; i <= options.commandApis; i++)
      commandApis.push(await make(`command-api-${i}`, entries.commandApi));
    const processors = await make('processors', entries.processors);
    const queryApi = await make('query-api', entries.queryApi);
    const system = new BenchSystem(
      stack,
      namespace,
      shopNaming(namespace),
      env,
      commandApis,
      processors,
      queryApi,
      logDir,
    );
    try {
      // The first command-api creates the stream and the admin; the others then start in parallel.
      await commandApis[0]!.start();
      await Promise.all(
        [...commandApis.slice(1), processors, queryApi].map((service) => service.start()),
      );
    } catch (error) {
      await system.stop();
      throw error;
    }
    return system;
  }

  get services(): ServiceProcess[] {
    return [...this.commandApis, this.processors, this.queryApi];
  }

  /** PIDs worth measuring: every service and every server the bench started. */
  pids(): { name: string; pid: number }[] {
    const services = this.services.flatMap((s) => (s.pid ? [{ name: s.name, pid: s.pid }] : []));
    const servers = this.stack.processes.map((s) => ({ name: s.program, pid: s.pid }));
    return [...services, ...servers];
  }

  async stop(): Promise<void> {
    await Promise.all(this.services.map((service) => service.stop()));
    for (const service of this.services) service.closeLog();
    await this.stack.stop();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

/** The environment every service reads (names from each service's config.ts). */
function serviceEnv(
  stack: Stack,
  namespace: string,
  paymentLatencyMs: number | undefined,
): Record<string, string> {
  return {
    NODE_ENV: 'development',
    NATS_URL: stack.urls.nats,
    REDIS_URL: stack.urls.redis,
    MONGO_URL: stack.urls.mongo,
    MONGO_DB: `scalemart_${namespace}`,
    SCALEMART_NAMESPACE: namespace,
    REDIS_KEY_PREFIX: `${namespace}:`,
    JWT_SECRET: BENCH_JWT_SECRET,
    LOG_LEVEL: 'warn',
    ADMIN_EMAIL: BENCH_ADMIN.email,
    ADMIN_PASSWORD: BENCH_ADMIN.password,
    // Each herd shopper buys once; the limiter must not be what the bench measures.
    PURCHASE_RATE_LIMIT: '1000000',
    ...(paymentLatencyMs !== undefined ? { PAYMENT_LATENCY_MS: String(paymentLatencyMs) } : {}),
  };
}

export const BENCH_JWT_SECRET = `bench-${randomBytes(24).toString('hex')}`;

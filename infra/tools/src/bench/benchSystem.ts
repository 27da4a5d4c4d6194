import { randomBytes } from 'node:crypto';
import type { StackKind, Topology } from '@scalemart/testkit';
import { ScaleMart } from '../system/scaleMart.js';

export const BENCH_ADMIN = {
  email: 'bench-admin@scalemart.test',
  password: 'bench-admin-password-1',
};
export const BENCH_JWT_SECRET = `bench-${randomBytes(24).toString('hex')}`;

export interface BenchSystemOptions {
  external: boolean;
  topology?: Topology;
  commandApis: number;
  /** > 0: the gateway runs, and the screens connect through it. */
  screens?: number;
  queryApis?: number;
  paymentLatencyMs?: number;
  cpuProfDir?: string;
  natsSyncInterval: string;
  redisAppendFsync: 'no' | 'everysec' | 'always';
}

/** The environment every service of a bench reads (names from each service's config.ts). */
export function benchEnv(paymentLatencyMs?: number): Record<string, string> {
  return {
    NODE_ENV: 'development',
    JWT_SECRET: BENCH_JWT_SECRET,
    LOG_LEVEL: 'warn',
    // Each herd shopper buys once; the limiter must not be what the bench measures.
    PURCHASE_RATE_LIMIT: '1000000',
    ...(paymentLatencyMs !== undefined ? { PAYMENT_LATENCY_MS: String(paymentLatencyMs) } : {}),
  };
}

/**
 * The system under test: local servers (or external URLs) and every service as its own process,
 * in a namespace of its own so a bench never touches another deployment's data. The load goes
 * straight to the command-apis; the gateway runs only for screens, which connect through it.
 */
export function startBenchSystem(options: BenchSystemOptions): Promise<ScaleMart> {
  const kind: StackKind = options.external ? 'external' : 'local';
  return ScaleMart.start({
    kind,
    // The stores as `npm start` runs them unless the options say otherwise: a bench of a
    // configuration nobody runs measures nothing a user gets.
    local: {
      topology: options.topology ?? 'single',
      redisAppendFsync: options.redisAppendFsync,
      natsSyncInterval: options.natsSyncInterval,
    },
    commandApis: options.commandApis,
    queryApis: options.queryApis ?? Math.max(1, Math.ceil((options.screens ?? 0) / 10_000)),
    admin: BENCH_ADMIN,
    env: benchEnv(options.paymentLatencyMs),
    gateway: (options.screens ?? 0) > 0,
    ...(options.cpuProfDir ? { cpuProfDir: options.cpuProfDir } : {}),
  });
}

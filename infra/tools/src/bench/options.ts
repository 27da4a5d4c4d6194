import { z } from 'zod';

export const SCENARIOS = ['herd', 'sustained', 'soldout', 'mixed'] as const;
export type Scenario = (typeof SCENARIOS)[number];
export const REDIS_APPEND_FSYNC = ['no', 'everysec', 'always'] as const;

const BenchFields = z.object({
  scenario: z.enum(SCENARIOS).default('herd'),
  shoppers: z.coerce.number().int().positive().default(20_000),
  units: z.coerce.number().int().positive().default(1_000),
  connections: z.coerce.number().int().positive().max(4096).default(256),
  /** sustained/mixed: how long the load lasts. */
  durationSeconds: z.coerce.number().positive().default(10),
  /** Open loop: offered purchases per second (latency target); closed loop when absent. */
  rate: z.coerce.number().positive().optional(),
  chaos: z.boolean().default(false),
  /** Shoppers whose socket is watched for the confirmed push (end-to-end latency). */
  socketSample: z.coerce.number().int().nonnegative().default(200),
  commandApis: z.coerce.number().int().min(1).max(4).default(2),
  /** Anonymous screens watching the sale's product through the one origin (the gateway). */
  screens: z.coerce.number().int().nonnegative().default(0),
  /** query-api instances; by default one per 10,000 screens (a process's descriptor limit). */
  queryApis: z.coerce.number().int().min(1).max(4).optional(),
  /** After the run, time a few pushes to every screen alone (query-api CPU per push). */
  pushProbe: z.boolean().default(true),
  /** Simulated payment latency for the processors, when they read PAYMENT_LATENCY_MS. */
  paymentLatencyMs: z.coerce.number().int().nonnegative().optional(),
  /** The local stack's topology: one server each, or 3 JetStream nodes and Redis Cluster 3 x 2. */
  topology: z.enum(['single', 'cluster']).default('single'),
  /** Use servers someone else runs (NATS_URL, REDIS_URL, MONGO_URL) instead of a local stack. */
  external: z.boolean().default(false),
  json: z.string().optional(),
  progress: z.boolean().default(true),
  /** Max time to wait for the processors to drain after the load. */
  drainTimeoutMs: z.coerce.number().int().positive().default(300_000),
  /** Write CPU profiles of the services into this directory (node --cpu-prof). */
  cpuProfDir: z.string().optional(),
  seed: z.coerce.number().int().default(1),
  /** JetStream sync_interval of the local NATS ('always' = fsync before every PubAck, as `npm start`). */
  natsSyncInterval: z.string().default('always'),
  /** appendfsync of the local Redis's AOF ('always' = fsync before every answer, as `npm start`). */
  redisAppendFsync: z.enum(REDIS_APPEND_FSYNC).default('always'),
  /** How long the processors' rebuild may take for the replay comparison; 0 skips it. */
  replayTimeoutMs: z.coerce.number().int().nonnegative().default(90_000),
});

/** What one bench run does; parsed from the command line (cli.ts) or given by a test. */
export const BenchOptions = BenchFields.refine(
  // Chaos crashes Redis: only an AOF fsynced before each answer keeps every reservation it made.
  (options) => !options.chaos || options.redisAppendFsync === 'always',
  {
    message: '--chaos needs --redis-appendfsync always (it crashes Redis)',
    path: ['redisAppendFsync'],
  },
);
export type BenchOptions = z.infer<typeof BenchOptions>;
export type BenchInput = z.input<typeof BenchOptions>;

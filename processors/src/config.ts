import { parseEnv, ServiceEnv } from '@scalemart/runtime/service';
import { z } from 'zod';
import { PAYMENT_CONCURRENCY } from './orders/confirmOrder.js';

/** The processors' environment: the common service env plus payment simulation and batching. */
export const ProcessorsEnv = ServiceEnv.and(
  z.object({
    PORT: z.coerce.number().int().min(0).max(65_535).default(3003),
    /**
     * Where the health and metrics server listens: this machine only unless told (issue 25). A
     * probe from elsewhere (a container's orchestrator) needs HOST=0.0.0.0, and then /metrics
     * wants METRICS_TOKEN from anyone not on this machine.
     */
    HOST: z.string().min(1).default('127.0.0.1'),
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /** Simulated gateway latency per payment (the seeds' "background processing"). */
    PAYMENT_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(300),
    /** Share of payments declined, 0..1; deterministic per orderId. */
    PAYMENT_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0.05),
    /** Payments in flight at once per instance: slow payments never block throughput. */
    PAYMENT_CONCURRENCY: z.coerce.number().int().min(1).max(5_000).default(PAYMENT_CONCURRENCY),
    /** Most events per projection batch (one read and one bulkWrite round). */
    BATCH_SIZE: z.coerce.number().int().min(1).max(5_000).default(500),
    /** Run the outbox relay in this process (one per instance is safe: the stream dedupes). */
    OUTBOX_RELAY: z.enum(['on', 'off']).default('on'),
    /** Jobs this instance runs, comma-separated: confirmation and projections scale apart. */
    PROCESSOR_JOBS: z
      .string()
      .default('confirm,projections')
      .transform((list) =>
        list
          .split(',')
          .map((job) => job.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.enum(['confirm', 'projections'])).min(1)),
  }),
);
export type ProcessorsEnv = z.infer<typeof ProcessorsEnv>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ProcessorsEnv {
  return parseEnv(ProcessorsEnv, env);
}

import { ServiceEnv, parseEnv, requireJwtSecret, TokenEnv } from '@scalemart/runtime/service';
import { z } from 'zod';

/** query-api's environment: the common service env plus its port and push pacing. */
export const QueryApiEnv = ServiceEnv.safeExtend({
  ...TokenEnv,
  PORT: z.coerce.number().int().min(0).max(65535).default(3002),
  HOST: z.string().min(1).default('0.0.0.0'),
  JWT_TTL_SECONDS: z.coerce.number().int().positive().default(3600),
  /** Bearer token /metrics asks for; without it, /metrics answers loopback peers only. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** At most one stock push per product per interval; 200 ms = 5 per second. */
  STOCK_PUSH_INTERVAL_MS: z.coerce.number().int().min(10).max(5000).default(200),
  /** At most one read per product per interval to see whether its sale changed (then a product push). */
  PRODUCT_PUSH_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  VELOCITY_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  /** How long a dropped socket can come back and receive what it missed. */
  RECOVERY_WINDOW_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(10 * 60_000)
    .default(2 * 60_000),
}).superRefine(requireJwtSecret);
export type QueryApiConfig = z.infer<typeof QueryApiEnv>;

/** Parses query-api's configuration once, failing fast with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): QueryApiConfig {
  return parseEnv(QueryApiEnv, env);
}

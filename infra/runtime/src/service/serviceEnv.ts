import { z } from 'zod';

/**
 * Environment every service reads: where NATS and Redis are, its namespace, its logs. command-api
 * uses no MongoDB, so MongoDB's settings come with `ServiceEnv` only; the services that handle
 * tokens add `TokenEnv` (jwtSecret.ts).
 */
export const CoreServiceEnv = z.object({
  /** Unset means production (issue 25): only an explicit development or test relaxes a rule. */
  NODE_ENV: z.enum(['development', 'test', 'production']).default('production'),
  /** One URL each; several, comma-separated, name a cluster's seeds (REDIS_URL: Redis Cluster). */
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  REDIS_URL: z.string().min(1).default('redis://127.0.0.1:6379'),
  /** Replicas that must hold a reservation before it is answered (WAIT); 1 on a cluster. */
  REDIS_WAIT_REPLICAS: z.coerce.number().int().min(0).optional(),
  /** Separates deployments sharing servers (tests use one per file); empty in production. */
  SCALEMART_NAMESPACE: z
    .string()
    .regex(/^([a-z0-9]{1,32})?$/)
    .default(''),
  REDIS_KEY_PREFIX: z.string().default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGINS: z
    .string()
    .default('http://localhost:8080,http://localhost:5173')
    .transform((list) =>
      list
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
});
export type CoreServiceEnv = z.infer<typeof CoreServiceEnv>;

/** `CoreServiceEnv` plus where MongoDB is: the environment of the services that use read models. */
export const ServiceEnv = CoreServiceEnv.safeExtend({
  MONGO_URL: z.string().min(1).default('mongodb://127.0.0.1:27017/'),
  MONGO_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/)
    .default('scalemart'),
});
export type ServiceEnv = z.infer<typeof ServiceEnv>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Parses the environment once with a service's schema, failing fast with every problem listed
 * on one line (a service prints it as is and exits: see `configOrExit`).
 */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
}

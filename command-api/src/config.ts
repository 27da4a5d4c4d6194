import { CoreServiceEnv, parseEnv, requireJwtSecret, TokenEnv } from '@scalemart/runtime/service';
import { z } from 'zod';

/** Below this a bcrypt hash is cheap enough to guess offline at scale; production refuses it. */
const MIN_PRODUCTION_BCRYPT_COST = 10;

/** command-api's environment: the common service env (no MongoDB), accounts, purchases, limits. */
export const CommandApiEnv = CoreServiceEnv.safeExtend({
  ...TokenEnv,
  PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  HOST: z.string().min(1).default('0.0.0.0'),
  JWT_TTL_SECONDS: z.coerce.number().int().positive().default(3600),
  /** bcrypt cost: 12 in production (~250 ms a hash); tests use 4. */
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
  /** Bearer token /metrics asks for; without it, /metrics answers loopback peers only. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Purchases per user per minute, shared by every instance through Redis. */
  PURCHASE_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  /**
   * Failed logins of one account from one client (an address, or a device cookie) before that
   * client locks out of that account (issues 19 and 25; README's security section).
   */
  LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(10),
  /** The first lockout; each further failure doubles it, up to the maximum. */
  LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  LOGIN_LOCKOUT_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /** Failures of one account from clients its owner never used before they are slowed. */
  LOGIN_SLOWDOWN_AFTER: z.coerce.number().int().min(1).max(1_000_000).default(100),
  /** Once slowed: one attempt from an unknown client per this many seconds, account-wide. */
  LOGIN_SLOWDOWN_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  /** Failed logins per client address per 15 minutes: a ceiling a crowd behind one NAT misses. */
  LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(300),
  /** Successful logins per account per 15 minutes: each costs a bcrypt, none needs many. */
  LOGIN_SUCCESSES_PER_ACCOUNT: z.coerce.number().int().positive().default(30),
  /** Successful logins per client address per 15 minutes: above a crowd behind one NAT. */
  LOGIN_SUCCESSES_PER_ADDRESS: z.coerce.number().int().positive().default(2000),
  /** bcrypt hashes running at once per instance (libuv's 4 threads), and waiting past them. */
  BCRYPT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  BCRYPT_QUEUE: z.coerce.number().int().min(0).max(10_000).default(64),
  /** Sign-ups per client address per 15 minutes. */
  SIGNUPS_PER_ADDRESS: z.coerce.number().int().positive().default(100),
  /** How long a sold-out answer is served from memory without asking Redis. */
  SOLD_OUT_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** How long a purchase waits for the JetStream PubAck before leaving the event to the relay. */
  PUBLISH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  /** Express `trust proxy`: the gateway forwards the client address in X-Forwarded-For. */
  TRUST_PROXY: z.string().default('loopback'),
  /** The first admin, created at startup when both are set (idempotent). */
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
}).superRefine((env, ctx) => {
  requireJwtSecret(env, ctx);
  if (env.NODE_ENV === 'production' && env.BCRYPT_COST < MIN_PRODUCTION_BCRYPT_COST) {
    ctx.addIssue({
      code: 'custom',
      path: ['BCRYPT_COST'],
      message: `must be at least ${MIN_PRODUCTION_BCRYPT_COST} in production (4 is for tests)`,
    });
  }
});
export type CommandApiConfig = z.infer<typeof CommandApiEnv>;

/** Parses command-api's configuration once, failing fast with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): CommandApiConfig {
  return parseEnv(CommandApiEnv, env);
}

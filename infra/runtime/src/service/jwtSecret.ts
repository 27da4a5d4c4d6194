import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Secrets that were published in this repository (the old development default and test
 * fixtures): anyone can sign tokens with them, so no service accepts them, in any NODE_ENV.
 */
const PUBLISHED_SECRETS: ReadonlySet<string> = new Set([
  'scalemart-development-secret-change-me-0123456789',
  'query-api-test-secret-0123456789abcdef',
  'bench-secret-0123456789abcdef0123456789',
]);

/** At least 32 characters: HS256's key should carry as many bits as its 256-bit MAC. */
export const MIN_JWT_SECRET_LENGTH = 32;

/** A fresh random secret (256 bits, base64url): what the bench and npm start mint. */
export function mintJwtSecret(): string {
  return randomBytes(32).toString('base64url');
}

// Made once per process, so no one else knows it: a token signed by one development process is
// refused by every other. Used only when NODE_ENV says development or test (issue 25).
const processSecret = mintJwtSecret();

/** The token settings of the services that sign or verify tokens (command-api, query-api). */
export const TokenEnv = {
  JWT_SECRET: z
    .string()
    .min(MIN_JWT_SECRET_LENGTH, `must be at least ${MIN_JWT_SECRET_LENGTH} characters`)
    .refine((secret) => !PUBLISHED_SECRETS.has(secret), {
      message: 'is a secret published in the ScaleMart repository; generate one of your own',
    })
    .default(() => processSecret),
  JWT_ISSUER: z.string().min(1).default('scalemart'),
  JWT_AUDIENCE: z.string().min(1).default('scalemart'),
};

/**
 * Refuses a service without JWT_SECRET unless NODE_ENV is explicitly development or test: a
 * forgotten NODE_ENV must not sign tokens with a secret from the repository, nor with one that
 * changes at every restart. Use with `superRefine` on a schema holding `TokenEnv`.
 */
export function requireJwtSecret(
  env: { NODE_ENV: string; JWT_SECRET: string },
  ctx: z.RefinementCtx,
): void {
  if (env.JWT_SECRET !== processSecret || ['development', 'test'].includes(env.NODE_ENV)) return;
  ctx.addIssue({
    code: 'custom',
    path: ['JWT_SECRET'],
    message: 'is required unless NODE_ENV is development or test (at least 32 random characters)',
  });
}

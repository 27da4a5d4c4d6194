import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

/** The three ScaleMart services, in start order (the first command-api creates the stream and the admin). */
export type ServiceKind = 'command-api' | 'query-api' | 'processors';
export const SERVICE_KINDS: readonly ServiceKind[] = ['command-api', 'processors', 'query-api'];

/** The ports `npm start` uses (the system's `ports: 'usual'`); tests take free ports. */
export const USUAL_PORTS = {
  'command-api': 3001,
  'query-api': 3002,
  processors: 3003,
  gateway: 8080,
} as const;

/**
 * The admin a system gets unless told (override with the env): its password is made per process,
 * so no published password opens any system's sales floor (npm start keeps one per installation).
 */
export const DEMO_ADMIN = {
  email: process.env.ADMIN_EMAIL ?? 'admin@scalemart.local',
  password: process.env.ADMIN_PASSWORD ?? randomBytes(12).toString('base64url'),
};

/** A service that `turbo run build` has not built yet. */
export class MissingBuildError extends Error {
  override readonly name = 'MissingBuildError';
}

const require = createRequire(import.meta.url);

/** Each service's built entry, found through the tools' dependency on the service's package. */
export function builtEntry(kind: ServiceKind): string {
  try {
    return require.resolve(`@scalemart/${kind}/main`);
  } catch (error) {
    throw new MissingBuildError(`build the services first (npm run build); ${kind} is not built`, {
      cause: error,
    });
  }
}

import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Each service's built entry (`turbo run build`) and web's build, in this checkout. */
export const BUILT = {
  'command-api': path.join(repoRoot, 'command-api/dist/main.js'),
  'query-api': path.join(repoRoot, 'query-api/dist/main.js'),
  processors: path.join(repoRoot, 'processors/dist/main.js'),
  web: path.join(repoRoot, 'web/dist'),
} as const;

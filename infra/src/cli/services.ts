import type { StackUrls } from '../stack/types.js';

/** A ScaleMart service `npm start` runs after the servers are up. */
export interface ServiceDefinition {
  name: string;
  /** Entry point relative to the repository root (built by `turbo run build`). */
  entry: string;
  port: number;
  env(urls: StackUrls): Record<string, string>;
}

/** The demo admin `npm start` creates on an empty store and prints; override with the env. */
export const DEMO_ADMIN = {
  email: process.env.ADMIN_EMAIL ?? 'admin@scalemart.local',
  password: process.env.ADMIN_PASSWORD ?? 'scalemart-demo-admin',
};

/** Where the services answer on this machine, for the gateway and the demo seed. */
export const SERVICE_URLS = {
  commandApi: 'http://127.0.0.1:3001',
  queryApi: 'http://127.0.0.1:3002',
  processors: 'http://127.0.0.1:3003',
} as const;

/** The gateway's port: the one URL a newcomer opens. */
export const GATEWAY_PORT = Number(process.env.GATEWAY_PORT ?? 8080);

// command-api keeps everything in Redis and JetStream; the read side also needs MongoDB.
const writeSideServers = (urls: StackUrls) => ({ NATS_URL: urls.nats, REDIS_URL: urls.redis });
const servers = (urls: StackUrls) => ({
  ...writeSideServers(urls),
  MONGO_URL: urls.mongo,
  MONGO_DB: process.env.MONGO_DB ?? 'scalemart',
});

/**
 * The services in start order. Each issue that adds a service adds its line here; a service
 * whose entry is not built yet is reported and skipped rather than failing the whole start.
 */
export const SERVICES: ServiceDefinition[] = [
  {
    name: 'command-api',
    entry: 'command-api/dist/main.js',
    port: 3001,
    env: (urls) => ({
      ...writeSideServers(urls),
      ADMIN_EMAIL: DEMO_ADMIN.email,
      ADMIN_PASSWORD: DEMO_ADMIN.password,
    }),
  },
  { name: 'query-api', entry: 'query-api/dist/main.js', port: 3002, env: servers },
  { name: 'processors', entry: 'processors/dist/main.js', port: 3003, env: servers },
];

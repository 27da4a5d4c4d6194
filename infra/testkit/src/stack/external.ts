import type { Stack } from './types.js';

export class ExternalStackError extends Error {
  override readonly name = 'ExternalStackError';
}

/**
 * Servers someone else runs: URLs from NATS_URL, REDIS_URL and MONGO_URL. Stopping is a no-op.
 * A cluster is given as comma-separated seed lists (several REDIS_URL entries mean Redis Cluster).
 */
export function externalStack(env: NodeJS.ProcessEnv = process.env): Stack {
  const missing = ['NATS_URL', 'REDIS_URL', 'MONGO_URL'].filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new ExternalStackError(`SCALEMART_STACK=external needs ${missing.join(', ')} to be set`);
  }
  const stop = async () => {};
  return {
    kind: 'external',
    topology: env.REDIS_URL!.includes(',') ? 'cluster' : 'single',
    urls: { nats: env.NATS_URL!, redis: env.REDIS_URL!, mongo: env.MONGO_URL! },
    natsMonitorUrl: env.NATS_MONITOR_URL,
    processes: [],
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

import type { Stack, StackUrls } from './types.js';

/** Images pinned so a machine with Docker runs what CI's local stack runs. */
export const CONTAINER_IMAGES = {
  nats: 'nats:2.14.9-alpine',
  redis: 'redis:7.0.15-alpine',
  mongo: 'mongo:7.0.14',
} as const;

/** Whether a Docker (or compatible) engine answers here. */
export async function dockerAvailable(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/**
 * The three servers as Testcontainers (nats with JetStream, redis, mongo), for machines with a
 * Docker engine. testcontainers is imported lazily so services that never use it don't load it.
 */
export async function startContainerStack(): Promise<Stack> {
  const [{ NatsContainer }, { RedisContainer }, { MongoDBContainer }] = await Promise.all([
    import('@testcontainers/nats'),
    import('@testcontainers/redis'),
    import('@testcontainers/mongodb'),
  ]);
  const [nats, redis, mongo] = await Promise.all([
    new NatsContainer(CONTAINER_IMAGES.nats)
      .withJetStream()
      .withArg('http_port', '8222')
      .withExposedPorts(4222, 8222)
      .start(),
    new RedisContainer(CONTAINER_IMAGES.redis).start(),
    new MongoDBContainer(CONTAINER_IMAGES.mongo).start(),
  ]);
  const { user, pass } = nats.getConnectionOptions();
  const auth = user ? `${encodeURIComponent(user)}:${encodeURIComponent(pass ?? '')}@` : '';
  const urls: StackUrls = {
    nats: `nats://${auth}${nats.getHost()}:${nats.getMappedPort(4222)}`,
    redis: redis.getConnectionUrl(),
    mongo: mongo.getConnectionString() + '?directConnection=true',
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all([nats.stop(), redis.stop(), mongo.stop()]);
  };
  return {
    kind: 'containers',
    topology: 'single',
    urls,
    natsMonitorUrl: `http://${nats.getHost()}:${nats.getMappedPort(8222)}`,
    processes: [],
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

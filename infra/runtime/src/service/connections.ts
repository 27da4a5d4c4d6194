import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Cluster, Redis } from 'ioredis';
import { MongoClient, type Db } from 'mongodb';

/**
 * A NATS connection that keeps reconnecting forever: a server restart is an outage, not an exit.
 * `noAsyncTraces` skips the Error (and its stack) nats.js builds up front for every request and
 * publish, in case it times out: a hot publisher can spare it.
 */
export function connectNats(
  url: string,
  name: string,
  options: { noAsyncTraces?: boolean } = {},
): Promise<NatsConnection> {
  return connect({
    // A cluster's seeds: the client tries them in turn and learns the others from the server.
    servers: seedList(url),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    ...options,
  });
}

/** The entries of a comma-separated URL list (NATS_URL and REDIS_URL take one or several). */
export const seedList = (urls: string) =>
  urls
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);

/** A single Redis or Redis Cluster: every command the services send works on both. */
export type RedisClient = Redis | Cluster;

/**
 * An ioredis client with the deployment's key prefix (Lua keys included, hash tags intact). Several
 * URLs in REDIS_URL mean Redis Cluster: any of them is a seed, ioredis learns the slots and follows
 * a failover. Every multi-key script keeps its keys under one hash tag, so it runs on one shard.
 */
export function createRedis(url: string, keyPrefix = ''): RedisClient {
  const seeds = seedList(url);
  if (seeds.length > 1) return createRedisCluster(seeds, keyPrefix);
  return new Redis(url, {
    keyPrefix,
    // Commands wait for a reconnect instead of failing at once after a Redis restart: 20 tries,
    // one every 50 ms more up to 2 s apart, so about 10 s before a command fails (503) and never
    // more than 2 s between a Redis back up and its reconnect. ioredis 6's default backoff (doubling
    // up to 5 s) would hold a command for over a minute.
    retryStrategy: (times) => Math.min(times * 50, 2000),
    maxRetriesPerRequest: 20,
    enableAutoPipelining: true,
  });
}

function createRedisCluster(seeds: string[], keyPrefix: string): Cluster {
  const nodes = seeds.map((seed) => {
    const { hostname, port } = new URL(seed);
    return { host: hostname, port: Number(port || 6379) };
  });
  const { username, password } = new URL(seeds[0]!);
  const cluster = new Cluster(nodes, {
    keyPrefix,
    // Off on a cluster: ioredis' auto-pipelining groups EVALSHA by its first argument (the SHA,
    // not the key) and mixes slots after a failover ("All keys in the pipeline should belong to
    // the same slots allocation group", redis/ioredis#2109, #2075).
    enableAutoPipelining: false,
    // A dead master is replaced within a few node timeouts; commands retry on a fresh slot map
    // for about that long (16 x 250 ms), then fail, and the route answers 503.
    retryDelayOnFailover: 250,
    retryDelayOnClusterDown: 250,
    maxRedirections: 16,
    redisOptions: {
      maxRetriesPerRequest: 20,
      ...(username ? { username: decodeURIComponent(username) } : {}),
      ...(password ? { password: decodeURIComponent(password) } : {}),
    },
  });
  // The offline queue holds commands until the slots are first known (start-up). Later it would
  // hold them for as long as no node answers, without a deadline: a purchase would hang instead
  // of failing closed with 503. So once ready, a command nobody can take fails at once.
  cluster.once('ready', () => {
    cluster.options.enableOfflineQueue = false;
  });
  return cluster;
}

export async function connectMongo(
  url: string,
  dbName: string,
): Promise<{ client: MongoClient; db: Db }> {
  const client = new MongoClient(url, { maxPoolSize: 20 });
  await client.connect();
  return { client, db: client.db(dbName) };
}

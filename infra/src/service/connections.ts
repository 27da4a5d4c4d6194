import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
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
    servers: url,
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    ...options,
  });
}

/** An ioredis client with the deployment's key prefix (Lua keys included, hash tags intact). */
export function createRedis(url: string, keyPrefix = ''): Redis {
  return new Redis(url, {
    keyPrefix,
    // Commands wait for a reconnect instead of failing at once after a Redis restart.
    maxRetriesPerRequest: 20,
    enableAutoPipelining: true,
  });
}

export async function connectMongo(
  url: string,
  dbName: string,
): Promise<{ client: MongoClient; db: Db }> {
  const client = new MongoClient(url, { maxPoolSize: 20 });
  await client.connect();
  return { client, db: client.db(dbName) };
}

import net from 'node:net';
import { MongoClient } from 'mongodb';

/** Sends one inline command to Redis and resolves with its first reply line. */
function redisCommand(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1_000, () => socket.destroy(new Error('timeout')));
    socket.once('error', reject);
    socket.once('connect', () => socket.write(`${command}\r\n`));
    socket.once('data', (data) => {
      socket.end();
      resolve(data.toString('utf8').split('\r\n')[0] ?? '');
    });
  });
}

/** Redis answers PONG only once it has loaded its data set (AOF replay included). */
export const redisReady = async (port: number) => (await redisCommand(port, 'PING')) === '+PONG';

/** nats-server's health endpoint says ok only when JetStream is enabled and its store is ready. */
export async function natsReady(monitorPort: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${monitorPort}/healthz?js-enabled-only=true`, {
    signal: AbortSignal.timeout(1_000),
  });
  return response.ok;
}

/**
 * A clustered nats-server's full health: JetStream on, a meta leader elected and this node's
 * streams and consumers current (a restarted node says ok only once it caught up).
 */
export async function natsHealthy(monitorPort: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${monitorPort}/healthz`, {
    signal: AbortSignal.timeout(1_000),
  });
  return response.ok;
}

/** A MongoDB-protocol server is ready when it answers a ping. */
export async function mongoReady(url: string): Promise<boolean> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 1_000, connectTimeoutMS: 1_000 });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } finally {
    await client.close();
  }
}

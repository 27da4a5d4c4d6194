import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { shopNaming } from '@scalemart/contracts';
import { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectNats, createRedis, type RedisClient } from '../service/connections.js';
import { DomainError } from '../service/domainError.js';
import { stockKeys } from './keys.js';
import { orderFor as order, productOnSale } from './saleFixtures.js';
import { WriteModel } from './writeModel.js';
import { ensureStreams } from '../streams.js';
import { ClusterStack } from '@scalemart/testkit';

/**
 * The cluster topology, one node at a time. JetStream: a stream at R3 answers a PubAck only once a
 * quorum stored the message, so killing the leader loses nothing acknowledged. Redis replicates
 * asynchronously. These tests hold writes back from a replica (frozen with SIGSTOP, its link
 * dropped), as a slow link would, then show the hole and how reservations close it.
 */
const PREFIX = 'failover:';
let stack: ClusterStack;
let redis: RedisClient;

/** The product's master and its replica's PID (to freeze it). */
async function shardOf(productId: string) {
  const master = await stack.redisMasterOf(`${PREFIX}${stockKeys(productId).stock}`);
  const [replica] = await stack.redisReplicasOf(master);
  const pid = stack.nodes.find((node) => node.id === replica)!.pid;
  return { master, replica: replica!, pid };
}

/**
 * Freezes the replica, then has its master drop the link: writes from now on stay on the master
 * (the frozen replica cannot reconnect; what the master sent before waits in its socket buffer).
 */
async function holdBackReplication(replicaPid: number, masterId: string) {
  process.kill(replicaPid, 'SIGSTOP');
  const direct = new Redis(stack.nodes.find((node) => node.id === masterId)!.url);
  try {
    await direct.call('CLIENT', 'KILL', 'TYPE', 'replica');
  } finally {
    direct.disconnect();
  }
}

beforeAll(async () => {
  stack = await ClusterStack.start();
  redis = createRedis(stack.urls.redis, PREFIX);
}, 90_000);
afterAll(async () => {
  redis.disconnect();
  await stack?.stop();
});

describe('JetStream at R3', () => {
  it('keeps every acknowledged message when the stream leader is killed mid-publish', async () => {
    const naming = shopNaming('clustered');
    const nc = await connectNats(stack.urls.nats, 'cluster-test');
    try {
      await ensureStreams(nc, naming);
      const jsm = await jetstreamManager(nc);
      const info = await jsm.streams.info(naming.stream);
      expect(info.config.num_replicas).toBe(3);
      expect(info.cluster?.replicas).toHaveLength(2);
      const js = jetstream(nc, { timeout: 2_000 });
      // Retried with the same id until acknowledged: the duplicate window keeps one copy.
      const publish = async (i: number) => {
        for (;;) {
          try {
            return await js.publish(naming.subjectFor('OrderPlaced', `o${i}`), `${i}`, {
              msgID: `o${i}`,
            });
          } catch {
            await sleep(100);
          }
        }
      };
      for (let i = 0; i < 100; i += 1) await publish(i);
      const leader = await stack.streamLeader(naming.stream);
      const publishing = Promise.all(Array.from({ length: 200 }, (_, i) => publish(100 + i)));
      await stack.crash(leader);
      try {
        const acks = await publishing;
        expect(new Set(acks.map((ack) => ack.seq)).size).toBe(200);
        expect(await stack.streamLeader(naming.stream)).not.toBe(leader);
      } finally {
        // The other tests share the cluster: it is whole again whatever this one found.
        await stack.restart(leader);
        await stack.waitHealthy();
      }
      expect((await jsm.streams.info(naming.stream)).state.messages).toBe(300);
    } finally {
      await nc.close();
    }
  }, 90_000);
});

describe('reservations on Redis Cluster', () => {
  it('takes back a reservation no replica acknowledged, and answers 503', async () => {
    const store = new WriteModel(redis, { waitTimeoutMs: 300 });
    await productOnSale(store, 'closed', 5, { endsInMs: 600_000 });
    const { pid } = await shardOf('closed');
    const before = await store.snapshot('closed');
    process.kill(pid, 'SIGSTOP');
    try {
      const refused = store.reserve(order('closed', 'ada'));
      await expect(refused).rejects.toBeInstanceOf(DomainError);
      await expect(refused).rejects.toMatchObject({ code: 'unavailable' });
      // Nothing stays behind: the unit, the buyer's count and the outbox are as they were.
      expect(await store.snapshot('closed')).toEqual({
        ...before,
        stockVersion: before.stockVersion + 1,
      });
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await stack.waitHealthy();
    expect((await store.reserve(order('closed', 'ada'))).status).toBe('reserved');
  });

  it('without WAIT, a failover resurrects a unit it sold: the hole WAIT closes', async () => {
    const waiting = new WriteModel(redis);
    const blind = new WriteModel(redis, { waitReplicas: 0 });
    await productOnSale(waiting, 'hole', 2, { endsInMs: 600_000 });
    // Waits for the replica: the product and this first sale are on both nodes.
    expect((await waiting.reserve(order('hole', 'first'))).status).toBe('reserved');
    const { master, replica, pid } = await shardOf('hole');
    await holdBackReplication(pid, master);
    expect((await blind.reserve(order('hole', 'second'))).status).toBe('reserved');
    expect((await blind.snapshot('hole')).available).toBe(0);
    await stack.crash(master);
    process.kill(pid, 'SIGCONT');
    while (
      (await stack.redisMasterOf(`${PREFIX}${stockKeys('hole').stock}`).catch(() => '')) !== replica
    ) {
      await sleep(100);
    }
    // The promoted replica never saw the second sale: its unit is for sale again.
    const after = await blind.snapshot('hole');
    expect(after.available).toBe(1);
    expect(Object.keys(after.buyers)).toEqual(['first']);
    await stack.restart(master);
    await stack.waitHealthy();
  }, 60_000);
});

import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { shopNaming } from '@scalemart/contracts';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalStack } from './local.js';
import { alive } from './processRegistry.js';

describe('the local stack', () => {
  it('serves JetStream with dedup, Redis with Lua, MongoDB with a unique index, and leaves nothing behind', async () => {
    const stack = await LocalStack.start();
    const pids = stack.processes.map((server) => server.pid);
    expect(stack.processes.map((server) => server.name).sort()).toEqual(['mongo', 'nats', 'redis']);
    const nc = await connect({ servers: stack.urls.nats });
    const redis = new Redis(stack.urls.redis);
    const mongo = new MongoClient(stack.urls.mongo);
    try {
      // JetStream: the same message id twice is stored once.
      const naming = shopNaming('infra1');
      // A stream with a duplicate window, as the runtime's ensureStreams makes it (the testkit sits
      // below the runtime, so it states the one setting this check needs).
      const jsm = await jetstreamManager(nc);
      await jsm.streams.add({
        name: naming.stream,
        subjects: [...naming.streamSubjects],
        duplicate_window: 120_000_000_000,
      });
      const js = jetstream(nc);
      const subject = naming.subjectFor('OrderPlaced', 'o1');
      const first = await js.publish(subject, '{"n":1}', { msgID: 'order-1' });
      const again = await js.publish(subject, '{"n":1}', { msgID: 'order-1' });
      expect(first.duplicate).toBe(false);
      expect(again.duplicate).toBe(true);
      expect(again.seq).toBe(first.seq);
      expect((await jsm.streams.info(naming.stream)).state.messages).toBe(1);

      // Redis: plain keys and a Lua script run by its SHA.
      await redis.set('stock:{p:1}', '3');
      expect(await redis.get('stock:{p:1}')).toBe('3');
      const sha = (await redis.script(
        'LOAD',
        "return redis.call('DECRBY', KEYS[1], ARGV[1])",
      )) as string;
      expect(await redis.evalsha(sha, 1, 'stock:{p:1}', '2')).toBe(1);

      // MongoDB protocol (mongod, or mongo-java-server here): a unique index refuses a second email.
      const users = mongo.db('infra_it').collection<{ email: string }>('users');
      await users.createIndex({ email: 1 }, { unique: true });
      await users.insertOne({ email: 'ada@example.com' });
      await expect(users.insertOne({ email: 'ada@example.com' })).rejects.toMatchObject({
        code: 11000,
      });
      expect(await users.countDocuments({ email: 'ada@example.com' })).toBe(1);
    } finally {
      await nc.close();
      redis.disconnect();
      await mongo.close();
      await stack.stop();
    }
    for (const pid of pids) expect(alive(pid)).toBe(false);
  });

  it('restarts a crashed server on the same port with its data', async () => {
    await using stack = await LocalStack.start({ redisAppendFsync: 'always' });
    const redis = new Redis(stack.urls.redis, { maxRetriesPerRequest: null });
    try {
      await redis.set('kept', 'yes');
      const before = stack.processes.find((server) => server.name === 'redis')!;
      await stack.restart('redis');
      const after = stack.processes.find((server) => server.name === 'redis')!;
      expect(after.pid).not.toBe(before.pid);
      expect(after.port).toBe(before.port);
      expect(alive(before.pid)).toBe(false);
      expect(await redis.get('kept')).toBe('yes');
    } finally {
      redis.disconnect();
    }
  });

  it('keeps the read models of a data dir across a stop and a start (npm start)', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'scalemart-kept-'));
    try {
      for (const round of [1, 2]) {
        await using stack = await LocalStack.start({ dataDir });
        const mongo = new MongoClient(stack.urls.mongo);
        try {
          const products = mongo
            .db('infra_it')
            .collection<{ _id: string; round: number }>('products');
          if (round === 1) await products.insertOne({ _id: 'p1', round });
          expect(await products.findOne({ _id: 'p1' })).toEqual({ _id: 'p1', round: 1 });
        } finally {
          await mongo.close();
        }
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('removes its temporary directory on stop', async () => {
    const stack = await LocalStack.start();
    expect(existsSync(stack.dataDir)).toBe(true);
    await stack.stop();
    expect(existsSync(stack.dataDir)).toBe(false);
  });
});

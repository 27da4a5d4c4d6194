import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import { dockerAvailable, startContainerStack } from './containers.js';

const docker = await dockerAvailable();
if (!docker) {
  // Said once, plainly, so a green run here is not mistaken for a tested container backend.
  console.warn('SKIPPED containers backend test: no Docker engine answers on this machine');
}

(docker ? describe : describe.skip)('the containers stack (needs a Docker engine)', () => {
  it('starts nats with JetStream, redis and mongo, and all three answer', async () => {
    await using stack = await startContainerStack();
    const nc = await connect({ servers: stack.urls.nats });
    const redis = new Redis(stack.urls.redis);
    const mongo = new MongoClient(stack.urls.mongo);
    try {
      expect(nc.info?.jetstream).toBe(true);
      expect(await redis.ping()).toBe('PONG');
      expect(await mongo.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
    } finally {
      await nc.close();
      redis.disconnect();
      await mongo.close();
    }
  }, 180_000);
});

import { Cluster, Redis } from 'ioredis';
import { createRedis, seedList } from './connections.js';

describe('connections to clustered servers', () => {
  it('reads a comma-separated URL list, spaces and empty entries ignored', () => {
    expect(seedList('nats://a:4222, nats://b:4222,,nats://c:4222 ')).toEqual([
      'nats://a:4222',
      'nats://b:4222',
      'nats://c:4222',
    ]);
    expect(seedList('redis://127.0.0.1:6379')).toEqual(['redis://127.0.0.1:6379']);
  });

  it('opens Redis Cluster for several REDIS_URL entries and a plain client for one', () => {
    const cluster = createRedis('redis://127.0.0.1:1,redis://127.0.0.1:2', 'p:');
    const single = createRedis('redis://127.0.0.1:1', 'p:');
    for (const client of [cluster, single]) client.on('error', () => undefined);
    try {
      expect(cluster).toBeInstanceOf(Cluster);
      expect(cluster.options.keyPrefix).toBe('p:');
      expect(single).toBeInstanceOf(Redis);
    } finally {
      cluster.disconnect();
      single.disconnect();
    }
  });
});

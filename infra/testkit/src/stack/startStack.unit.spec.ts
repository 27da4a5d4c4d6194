import { chooseStackKind, chooseTopology, StackChoiceError } from './startStack.js';
import { externalStack, ExternalStackError } from './external.js';

describe('choosing a stack', () => {
  it('takes an explicit kind as given', async () => {
    await expect(chooseStackKind({ SCALEMART_STACK: 'local' })).resolves.toBe('local');
    await expect(chooseStackKind({ SCALEMART_STACK: 'external' })).resolves.toBe('external');
  });

  it('refuses an unknown kind with the list of good ones', async () => {
    await expect(chooseStackKind({ SCALEMART_STACK: 'cloud' })).rejects.toThrow(StackChoiceError);
    await expect(chooseStackKind({ SCALEMART_STACK: 'cloud' })).rejects.toThrow(/auto, local/);
  });

  it('reads external URLs from the environment and names the missing ones', () => {
    const env = {
      NATS_URL: 'nats://n:4222',
      REDIS_URL: 'redis://r:6379',
      MONGO_URL: 'mongodb://m/',
    };
    expect(externalStack(env).urls).toEqual({
      nats: 'nats://n:4222',
      redis: 'redis://r:6379',
      mongo: 'mongodb://m/',
    });
    expect(() => externalStack({ NATS_URL: 'nats://n:4222' })).toThrow(/REDIS_URL, MONGO_URL/);
    expect(() => externalStack({})).toThrow(ExternalStackError);
  });

  it('reads the topology: single by default, cluster when asked, nothing else', () => {
    expect(chooseTopology({})).toBe('single');
    expect(chooseTopology({ SCALEMART_TOPOLOGY: 'cluster' })).toBe('cluster');
    expect(() => chooseTopology({ SCALEMART_TOPOLOGY: 'mesh' })).toThrow(StackChoiceError);
  });

  it('takes several external Redis URLs for a cluster', () => {
    const env = {
      NATS_URL: 'nats://n1:4222,nats://n2:4222,nats://n3:4222',
      REDIS_URL: 'redis://r1:6379,redis://r2:6379',
      MONGO_URL: 'mongodb://m/',
    };
    expect(externalStack(env).topology).toBe('cluster');
    expect(externalStack({ ...env, REDIS_URL: 'redis://r:6379' }).topology).toBe('single');
  });
});

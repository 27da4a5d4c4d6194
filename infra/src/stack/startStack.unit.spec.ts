import { chooseStackKind, StackChoiceError } from './startStack.js';
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
});

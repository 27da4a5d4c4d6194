import type { IncomingMessage } from 'node:http';
import { metricsAccess } from './metricsAccess.js';

const from = (remoteAddress: string, authorization?: string) =>
  ({
    socket: { remoteAddress },
    headers: {
      ...(authorization ? { authorization } : {}),
      'x-forwarded-for': '127.0.0.1', // anyone can write this: never looked at
    },
  }) as unknown as IncomingMessage;

describe('metricsAccess (issue 25)', () => {
  it('without a token, answers peers on this machine only', () => {
    const allowed = metricsAccess(undefined);
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1'].map((a) => allowed(from(a)))).toEqual([
      true,
      true,
      true,
    ]);
    expect(allowed(from('203.0.113.5'))).toBe(false);
    expect(allowed(from('10.0.0.2'))).toBe(false);
  });

  it('with a token, asks everyone for it, local peers included', () => {
    const allowed = metricsAccess('a-metrics-token-of-ours');
    expect(allowed(from('203.0.113.5', 'Bearer a-metrics-token-of-ours'))).toBe(true);
    expect(allowed(from('203.0.113.5', 'Bearer another-token'))).toBe(false);
    expect(allowed(from('127.0.0.1'))).toBe(false);
  });
});

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';
import { frontListener } from './front.js';
import { isPlainJson } from './leanJsonBody.js';

const req = (method: string, url: string, headers: Record<string, string> = {}) =>
  ({ method, url, headers }) as unknown as IncomingMessage;
const res = {} as ServerResponse;

describe('frontListener', () => {
  const routed = (request: IncomingMessage) => {
    const seen: string[] = [];
    const app = (() => seen.push('express')) as unknown as Express;
    frontListener(app, () => seen.push('lean'))(request, res);
    return seen;
  };
  const json = { 'content-type': 'application/json' };

  it.each([
    ['POST', '/api/orders', json, 'lean'],
    ['POST', '/api/orders', { 'content-type': 'application/json; charset=UTF-8' }, 'lean'],
    ['POST', '/api/orders', { 'content-type': 'application/json; charset=latin1' }, 'express'],
    ['POST', '/api/orders', { 'content-type': 'text/plain' }, 'express'],
    ['POST', '/api/orders', {}, 'express'],
    ['POST', '/api/orders', { ...json, 'content-encoding': 'gzip' }, 'express'],
    ['POST', '/api/orders?x=1', json, 'express'],
    ['POST', '/api/orders/', json, 'express'],
    ['OPTIONS', '/api/orders', {}, 'express'],
    ['GET', '/api/orders', json, 'express'],
    ['POST', '/api/auth/login', json, 'express'],
  ])('%s %s %j -> %s', (method, url, headers, route) => {
    expect(routed(req(method, url, headers))).toEqual([route]);
  });

  it('is Express alone without a lean route', () => {
    const app = (() => undefined) as unknown as Express;
    expect(frontListener(app)).toBe(app);
  });

  it('reads only bodies express.json reads as utf-8 JSON', () => {
    expect(isPlainJson(req('POST', '/', { 'content-type': 'Application/JSON' }))).toBe(true);
    expect(
      isPlainJson(req('POST', '/', { 'content-type': 'application/json;charset="utf-8"' })),
    ).toBe(true);
    expect(isPlainJson(req('POST', '/', { 'content-type': 'application/vnd.api+json' }))).toBe(
      false,
    );
  });
});

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';
import { requestListener } from './requestListener.js';

const req = (method: string, url: string) =>
  ({ method, url, headers: {} }) as unknown as IncomingMessage;
const res = {} as ServerResponse;

describe('requestListener', () => {
  const routed = (request: IncomingMessage) => {
    const seen: string[] = [];
    const app = (() => seen.push('express')) as unknown as Express;
    const route = { method: 'POST', path: '/api/orders' };
    requestListener(app, route, () => seen.push('purchase'))(request, res);
    return seen;
  };

  it.each([
    ['POST', '/api/orders', 'purchase'],
    ['POST', '/api/orders?x=1', 'purchase'],
    ['POST', '/api/orders/', 'purchase'],
    ['POST', '/API/Orders', 'purchase'],
    ['POST', '/api/orders//', 'express'],
    ['POST', '/api/ordersx', 'express'],
    ['POST', '/api/orders/abc', 'express'],
    ['OPTIONS', '/api/orders', 'express'],
    ['GET', '/api/orders', 'express'],
    ['PUT', '/api/orders', 'express'],
    ['POST', '/api/auth/login', 'express'],
  ])('%s %s -> %s', (method, url, route) => {
    expect(routed(req(method, url))).toEqual([route]);
  });
});

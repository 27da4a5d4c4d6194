import { routeFor } from './routeFor.js';

describe('routeFor', () => {
  it.each([
    ['GET', '/api/products', 'query'],
    ['HEAD', '/api/products/p-1', 'query'],
    ['GET', '/api/orders?limit=5', 'query'],
    ['POST', '/api/orders', 'command'],
    ['POST', '/api/auth/login', 'command'],
    ['PUT', '/api/admin/products/x', 'command'],
    ['DELETE', '/api', 'command'],
    ['GET', '/socket.io/?EIO=4&transport=polling', 'query'],
    ['POST', '/socket.io/?EIO=4&transport=polling&sid=abc', 'query'],
    ['GET', '/', 'static'],
    ['GET', '/assets/index-abc.js', 'static'],
    ['GET', '/apiary', 'static'],
    ['POST', '/anything', 'static'],
  ])('%s %s -> %s', (method, url, upstream) => {
    expect(routeFor(method, url)).toBe(upstream);
  });
});

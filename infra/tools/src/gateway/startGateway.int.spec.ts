import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startGateway, type RunningGateway } from './startGateway.js';

/** A real upstream that answers with its name, the method and the path it received. */
async function upstream(name: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        name,
        method: req.method,
        url: req.url,
        forwardedFor: req.headers['x-forwarded-for'],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('startGateway', () => {
  let dir: string;
  let command: Awaited<ReturnType<typeof upstream>>;
  let query: Awaited<ReturnType<typeof upstream>>;
  let gateway: RunningGateway;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gateway-'));
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>shop</title>');
    await writeFile(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    [command, query] = await Promise.all([upstream('command'), upstream('query')]);
    gateway = await startGateway({
      port: 0,
      host: '127.0.0.1',
      commandApiUrl: command.url,
      queryApiUrl: query.url,
      staticDir: dir,
    });
  });
  afterAll(async () => {
    await gateway.close();
    command.server.close();
    query.server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const at = (p: string, init?: RequestInit) => fetch(`http://127.0.0.1:${gateway.port}${p}`, init);

  it('sends reads to query-api and commands to command-api, path and query intact', async () => {
    expect(await (await at('/api/products?x=1')).json()).toMatchObject({
      name: 'query',
      method: 'GET',
      url: '/api/products?x=1',
    });
    const posted = (await (
      await at('/api/orders', { method: 'POST', body: '{}' })
    ).json()) as Record<string, unknown>;
    expect(posted).toMatchObject({ name: 'command', method: 'POST', url: '/api/orders' });
    expect(posted.forwardedFor).toBeDefined();
    expect(
      await (await at('/socket.io/?EIO=4&transport=polling', { method: 'POST', body: 'x' })).json(),
    ).toMatchObject({ name: 'query' });
  });

  it('serves the build, falls back to index.html for app routes, and never leaves the directory', async () => {
    const asset = await at('/assets/app.js');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect(await (await at('/orders')).text()).toContain('<title>shop</title>');
    expect((await at('/missing.png')).status).toBe(404);
    expect((await at('/..%2f..%2fetc%2fpasswd.txt')).status).toBe(404);
  });

  it('answers 503 problem+json when an upstream is down', async () => {
    const down = await startGateway({
      port: 0,
      host: '127.0.0.1',
      commandApiUrl: 'http://127.0.0.1:1',
      queryApiUrl: 'http://127.0.0.1:1',
      staticDir: dir,
    });
    try {
      const response = await fetch(`http://127.0.0.1:${down.port}/api/products`);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({ code: 'unavailable' });
    } finally {
      await down.close();
    }
  });

  // Issue 25: the web app at / was served without a CSP or framing rule.
  it('serves the web app with its CSP, framing, referrer and nosniff headers', async () => {
    for (const p of ['/', '/orders', '/assets/app.js', '/missing.png']) {
      const res = await at(p);
      const csp = res.headers.get('content-security-policy') ?? '';
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1];
      expect(scriptSrc).toBe("'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    // /api answers are the services' own, headers included (the docs page keeps its CSP).
    expect((await at('/api/docs')).headers.get('content-security-policy')).toBeNull();
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RawHttpPool } from './rawHttpPool.js';

/** A node:http server that answers by path: the shapes of answer the load generator must read. */
function answeringServer(): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const echo = JSON.stringify({ method: req.method, auth: req.headers.authorization, body });
      if (req.url === '/chunked') {
        res.writeHead(409, { 'content-type': 'application/json' });
        res.write(echo.slice(0, 10));
        res.end(echo.slice(10));
      } else if (req.url === '/close') {
        res.writeHead(503, { connection: 'close', 'content-length': Buffer.byteLength(echo) });
        res.end(echo);
      } else {
        res.writeHead(202, { 'content-length': Buffer.byteLength(echo) }).end(echo);
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('RawHttpPool', () => {
  let server: Server;
  let pool: RawHttpPool;
  beforeAll(async () => {
    server = await answeringServer();
    pool = new RawHttpPool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 2);
  });
  afterAll(async () => {
    pool.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = (path: string) =>
    pool.request(
      pool.post(path, { authorization: 'Bearer t', 'content-type': 'application/json' }, '{"é":1}'),
    );

  it('reads a Content-Length answer and sends the body and headers as given', async () => {
    const answer = await post('/');
    expect(answer.status).toBe(202);
    expect(JSON.parse(answer.body)).toEqual({ method: 'POST', auth: 'Bearer t', body: '{"é":1}' });
  });

  it('reads a chunked answer', async () => {
    const answer = await post('/chunked');
    expect(answer.status).toBe(409);
    expect(JSON.parse(answer.body)).toMatchObject({ body: '{"é":1}' });
  });

  it('reconnects after the server closes a connection, and queues beyond its connections', async () => {
    const answers = await Promise.all([post('/close'), post('/'), post('/'), post('/'), post('/')]);
    expect(answers.map((a) => a.status)).toEqual([503, 202, 202, 202, 202]);
    expect((await post('/')).status).toBe(202);
  });

  it('fails a request with a code when nothing listens', async () => {
    const nobody = new RawHttpPool('http://127.0.0.1:1', 1);
    await expect(nobody.request(nobody.post('/', {}, '{}'))).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    nobody.close();
  });
});

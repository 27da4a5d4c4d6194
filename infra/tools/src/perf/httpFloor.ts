import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { Pool } from 'undici';
import { RawHttpPool } from '../bench/rawHttpPool.js';

/**
 * The floor under any purchase route on this machine: a bare node:http server that reads the body
 * and answers a prebuilt 409 problem+json with as many headers as command-api's lean route sends,
 * loaded like the bench's herd (keep-alive, `inFlight` requests in flight, the same request).
 * Prints the server's and the load generator's CPU µs per request, with the bench's own client
 * (`raw`, RawHttpPool) or undici's Pool (`undici`, the bench's client before).
 * `node infra/tools/dist/perf/httpFloor.js [requests] [inFlight] [raw|undici]`
 */
const requests = Number(process.argv[2] ?? 20_000);
const inFlight = Number(process.argv[3] ?? 256);
const client = process.argv[4] === 'undici' ? 'undici' : 'raw';

const server = `
const http = require('node:http');
const body = JSON.stringify({ type: 'https://scalemart.dev/problems/sold_out', title: 'The product is sold out', status: 409, code: 'sold_out' });
const headers = [];
for (let i = 0; i < 14; i++) headers.push('x-security-' + i, 'value-' + i);
const server = http.createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(409, [...headers, 'x-request-id', 'r', 'Content-Type', 'application/problem+json; charset=utf-8', 'Content-Length', String(body.length)]);
    res.end(body);
  });
});
server.keepAliveTimeout = 65000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

/** [user, system] CPU µs of a process: on loopback, much of a request's cost is the kernel's. */
const cpuMicros = (pid: number): [number, number] => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return [Number(fields[11]) * 10_000, Number(fields[12]) * 10_000];
};

const child = spawn(process.execPath, ['-e', server], { stdio: ['ignore', 'pipe', 'inherit'] });
const [line] = (await once(child.stdout, 'data')) as [Buffer];
const origin = `http://127.0.0.1:${Number(line.toString())}`;
const request = {
  path: '/api/orders',
  method: 'POST' as const,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${'x'.repeat(220)}` },
  body: JSON.stringify({ productId: 'bench-herd', quantity: 1 }),
};
const send = sender();
let sent = 0;
const serverAtStart = cpuMicros(child.pid!);
const selfAtStart = process.cpuUsage();
const started = performance.now();
await Promise.all(
  Array.from({ length: inFlight }, async () => {
    while (sent < requests) {
      sent += 1;
      await send.one();
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
const self = process.cpuUsage(selfAtStart);
const serverNow = cpuMicros(child.pid!);
const used = [serverNow[0] - serverAtStart[0], serverNow[1] - serverAtStart[1]] as const;
console.log(
  JSON.stringify({
    requests,
    inFlight,
    client,
    requestsPerSecond: Math.round(requests / seconds),
    serverCpuMicrosPerRequest: Math.round((used[0] + used[1]) / requests),
    serverSystemMicrosPerRequest: Math.round(used[1] / requests),
    loadGeneratorCpuMicrosPerRequest: Math.round((self.user + self.system) / requests),
    loadGeneratorSystemMicrosPerRequest: Math.round(self.system / requests),
  }),
);
await send.close();
child.kill();

function sender(): { one: () => Promise<unknown>; close: () => Promise<void> } {
  if (client === 'undici') {
    const pool = new Pool(origin, { connections: inFlight, pipelining: 1 });
    return {
      one: async () => (await pool.request(request)).body.text(),
      close: () => pool.close(),
    };
  }
  const pool = new RawHttpPool(origin, inFlight);
  const raw = pool.post(request.path, request.headers, request.body);
  return { one: () => pool.request(raw), close: () => Promise.resolve(pool.close()) };
}

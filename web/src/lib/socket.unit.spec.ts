/**
 * @jest-environment node
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { SOCKET_EVENTS } from '@scalemart/contracts';
import { connectLive, type LiveStatus } from './socket.js';

/** A real Socket.IO server that refuses the token "expired" and records what clients send. */
async function startServer(port = 0) {
  const http = createServer();
  const io = new Server(http);
  const watched: unknown[] = [];
  io.use((socket, next) => {
    if (socket.handshake.auth.token === 'expired') {
      const error = Object.assign(new Error('The token has expired'), {
        data: { code: 'unauthorized' },
      });
      return next(error);
    }
    next();
  });
  io.on('connection', (socket) =>
    socket.on(SOCKET_EVENTS.watch, (body: unknown) => watched.push(body)),
  );
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve) => void io.close(() => resolve()));
  return { io, url, watched, close };
}

const until = async (check: () => boolean) => {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('connectLive', () => {
  it('watches all products, shows reconnecting during an outage, and asks for a fresh snapshot after', async () => {
    let server = await startServer();
    const statuses: LiveStatus[] = [];
    let connects = 0;
    const socket = connectLive({
      url: server.url,
      token: () => 'good',
      onStatus: (status) => statuses.push(status),
      onConnected: () => (connects += 1),
    });
    try {
      await until(() => connects === 1 && server.watched.length === 1);
      expect(server.watched[0]).toEqual({});
      const port = Number(new URL(server.url).port);
      await server.close();
      await until(() => statuses.at(-1) === 'reconnecting');
      server = await startServer(port);
      // The watch travels after the connect: wait for it to arrive, then check it came once.
      await until(() => connects === 2 && server.watched.length > 0);
      expect(statuses.at(-1)).toBe('live');
      expect(server.watched).toEqual([{}]);
    } finally {
      socket.disconnect();
      await server.close();
    }
  });

  it('reports a refused token instead of retrying forever', async () => {
    const server = await startServer();
    let refused = false;
    const socket = connectLive({
      url: server.url,
      token: () => 'expired',
      onStatus: () => undefined,
      onConnected: () => undefined,
      onUnauthorized: () => (refused = true),
    });
    try {
      await until(() => refused);
    } finally {
      socket.disconnect();
      await server.close();
    }
  });
});

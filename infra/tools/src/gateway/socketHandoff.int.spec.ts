import { io, type Socket } from 'socket.io-client';
import { testStack } from '@scalemart/testkit';
import { ScaleMart } from '../system/scaleMart.js';

const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });

/** Connected sockets one query-api counts, from its /metrics. */
async function socketsOn(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith('scalemart_query_connected_sockets{room="all"}'));
  return Number(line?.split(' ').pop());
}

/** The one origin hands websockets to the query-api processes: they serve them, the gateway only routes. */
describe('gateway websocket handoff', () => {
  it('spreads new websockets over every query-api, which serve them as their own', async () => {
    await using system = await ScaleMart.start({
      servers: testStack(),
      queryApis: 2,
      env: { LOG_LEVEL: 'warn', BCRYPT_COST: '4' },
    });
    const sockets = Array.from({ length: 4 }, (_, i) => {
      // engine.io-client hands `localAddress` to ws in Node; its option types do not list it.
      const options = {
        transports: ['websocket'],
        reconnection: false,
        localAddress: `127.0.0.${2 + i}`,
      };
      return io(system.origin, options);
    });
    try {
      const snapshots = sockets.map(
        (socket) =>
          new Promise<{ products: unknown }>((resolve) => socket.once('products', resolve)),
      );
      await Promise.all(sockets.map(connected));
      for (const snapshot of await Promise.all(snapshots))
        expect(Array.isArray(snapshot.products)).toBe(true);
      const counts = await Promise.all(system.queryApis.map((api) => socketsOn(api.url)));
      expect(counts).toEqual([2, 2]);
      // REST still goes through the same origin while the sockets are open.
      expect((await fetch(`${system.origin}/api/products`)).status).toBe(200);
    } finally {
      for (const socket of sockets) socket.close();
    }
  }, 90_000);
});

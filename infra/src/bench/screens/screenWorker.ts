// A child process of the bench holding a share of the screens: anonymous Socket.IO clients
// (websocket only) watching one product from one loopback source address. It records when each
// stock version reached each screen and reports it to the parent (screens.ts) on request.
import { SOCKET_EVENTS, type StockPush } from '@scalemart/contracts';
import { io, type Socket } from 'socket.io-client';
import type { ScreenArrivals, WorkerCommand, WorkerReport } from './screenMessages.js';

const now = () => performance.timeOrigin + performance.now();
const sockets: Socket[] = [];
/** Per screen: stock versions and their arrival times (epoch ms), in arrival order. */
const arrivals: ScreenArrivals[] = [];
const pushes = new Map<number, { eventAt: string; available: number }>();
let disconnects = 0;

function send(report: WorkerReport): void {
  process.send!(report);
}

function openScreen(url: string, productId: string, localAddress: string, timeoutMs: number) {
  // engine.io-client hands `localAddress` to ws (its types do not list it): the source address.
  const options = {
    transports: ['websocket'],
    localAddress,
    timeout: timeoutMs,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 5_000,
  };
  const socket = io(url, options);
  const seen: ScreenArrivals = { versions: [], times: [] };
  arrivals.push(seen);
  sockets.push(socket);
  socket.on(SOCKET_EVENTS.stock, (push: StockPush) => {
    seen.versions.push(push.stockVersion);
    seen.times.push(now());
    if (!pushes.has(push.stockVersion))
      pushes.set(push.stockVersion, { eventAt: push.eventAt, available: push.available });
  });
  // Every (re)connect watches again: a new session starts with no rooms.
  socket.on('connect', () => socket.emit(SOCKET_EVENTS.watch, { productId }));
  socket.on('disconnect', () => (disconnects += 1));
  return new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('connect_error', () => resolve(false));
  });
}

/** Opens `count` screens with at most `concurrency` handshakes in flight (a bounded ramp). */
async function openAll(command: Extract<WorkerCommand, { type: 'open' }>): Promise<void> {
  let next = 0;
  let connected = 0;
  const lane = async () => {
    while (next < command.count) {
      next += 1;
      const ok = await openScreen(
        command.url,
        command.productId,
        command.localAddress,
        command.timeoutMs,
      );
      if (ok) connected += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(command.concurrency, command.count) }, lane));
  send({ type: 'opened', connected, failed: command.count - connected });
}

process.on('message', (command: WorkerCommand) => {
  if (command.type === 'open') void openAll(command);
  else if (command.type === 'report') {
    const connected = sockets.filter((socket) => socket.connected).length;
    send({ type: 'report', connected, disconnects, arrivals, pushes: [...pushes] });
  } else if (command.type === 'count') {
    const showing = arrivals.filter((a) => Math.max(-1, ...a.versions) >= command.atLeast).length;
    const connected = sockets.filter((socket) => socket.connected).length;
    send({ type: 'count', showing, connected });
  } else if (command.type === 'close') {
    for (const socket of sockets) socket.close();
    process.disconnect();
  }
});
send({ type: 'ready' });

// A child process of the bench holding a share of the screens: anonymous Socket.IO screens
// (websocket only, protocolScreen.ts) watching one product from one loopback source address. It records when each
// stock version reached each screen and reports it to the parent (screens.ts) on request.
import type { ScreenArrivals, WorkerCommand, WorkerReport } from './screenMessages.js';
import { ProtocolScreen } from './protocolScreen.js';

const now = () => performance.timeOrigin + performance.now();
const screens: ProtocolScreen[] = [];
/** Per screen: stock versions and their arrival times (epoch ms), in arrival order. */
const arrivals: ScreenArrivals[] = [];
const pushes = new Map<number, { eventAt: string; available: number }>();
let disconnects = 0;

function send(report: WorkerReport): void {
  process.send!(report);
}

function openScreen(url: string, productId: string, localAddress: string, timeoutMs: number) {
  const seen: ScreenArrivals = { versions: [], times: [] };
  arrivals.push(seen);
  const wsUrl = `${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  const screen = new ProtocolScreen(
    { url: wsUrl, productId, localAddress, timeoutMs },
    {
      onStock: ({ stockVersion, eventAt, available }) => {
        seen.versions.push(stockVersion);
        seen.times.push(now());
        if (!pushes.has(stockVersion)) pushes.set(stockVersion, { eventAt, available });
      },
      onSnapshot: (stockVersion) => {
        seen.versions.push(stockVersion);
        seen.times.push(now());
      },
      onConnect: () => undefined,
      onDisconnect: () => (disconnects += 1),
    },
  );
  screens.push(screen);
  return screen.open();
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
    const connected = screens.filter((screen) => screen.connected).length;
    send({ type: 'report', connected, disconnects, arrivals, pushes: [...pushes] });
  } else if (command.type === 'count') {
    const shows = arrivals.map((a) => Math.max(-1, ...a.versions) >= command.atLeast);
    const connected = screens.filter((screen) => screen.connected).length;
    const behind = screens
      .filter((screen, i) => screen.connected && !shows[i])
      .slice(0, 3)
      .map((screen) => ({
        versions: arrivals[screens.indexOf(screen)]!.versions.slice(-5),
        sessions: screen.sessions,
      }));
    send({ type: 'count', showing: shows.filter(Boolean).length, connected, behind });
  } else if (command.type === 'close') {
    for (const screen of screens) screen.close();
    process.disconnect();
  }
});
send({ type: 'ready' });

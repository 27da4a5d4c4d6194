import { setTimeout as sleep } from 'node:timers/promises';
import { Command } from 'commander';
import { LatencyHistogram } from '../latencyHistogram.js';
import { Screens } from './screens.js';

/**
 * `npm run screens -- --url http://127.0.0.1:8080 --screens 20000 --hold 60`: opens anonymous
 * screens on a running ScaleMart (npm start) watching a product, holds them while it keeps making
 * REST calls through the same origin, and prints what held and how REST answered. Ends by itself.
 */
const program = new Command('screens')
  .option('--url <origin>', 'the one origin', 'http://127.0.0.1:8080')
  .option('--screens <n>', 'screens to open', '20000')
  .option('--product <id>', 'the product to watch (default: the first the shop lists)')
  .option('--hold <seconds>', 'how long to hold them open', '60')
  .option('--per-process <n>', 'screens per child process', '5000');

interface RestFigures {
  calls: number;
  failures: number;
  statuses: Record<string, number>;
  latency: ReturnType<LatencyHistogram['summary']>;
}

/** A read (query-api) and a refused login (command-api) through the origin, every 500 ms. */
async function restWhileHolding(origin: string, seconds: number): Promise<RestFigures> {
  const latency = new LatencyHistogram();
  const statuses: Record<string, number> = {};
  let failures = 0;
  const deadline = Date.now() + seconds * 1000;
  const call = async (path: string, init?: RequestInit) => {
    const started = performance.now();
    const status = await fetch(`${origin}${path}`, { ...init, signal: AbortSignal.timeout(5_000) })
      .then((res) => res.arrayBuffer().then(() => String(res.status)))
      .catch((error: Error) => error.name);
    latency.recordMs(performance.now() - started);
    statuses[`${init?.method ?? 'GET'} ${path} ${status}`] =
      (statuses[`${init?.method ?? 'GET'} ${path} ${status}`] ?? 0) + 1;
    if (!/^[24]/.test(status)) failures += 1;
  };
  let calls = 0;
  while (Date.now() < deadline) {
    await Promise.all([
      call('/api/products'),
      call('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nobody@scalemart.test', password: 'not-the-password' }),
      }),
    ]);
    calls += 2;
    await sleep(500);
  }
  return { calls, failures, statuses, latency: latency.summary() };
}

async function main(): Promise<number> {
  const opts = program.parse().opts<Record<string, string>>();
  const origin = opts.url!;
  const productId =
    opts.product ??
    (
      (await (await fetch(`${origin}/api/products`)).json()) as {
        products: { productId: string }[];
      }
    ).products[0]?.productId;
  if (!productId) throw new Error('the shop lists no product: pass --product');
  const started = performance.now();
  const { screens, failed } = await Screens.open({
    url: origin,
    productId,
    count: Number(opts.screens),
    perProcess: Number(opts.perProcess),
  });
  const rampSeconds = Math.round((performance.now() - started) / 100) / 10;
  try {
    console.log(
      `${new Date().toISOString()} opened: ${Number(opts.screens) - failed} connected, ${failed} failed, in ${rampSeconds} s`,
    );
    const rest = await restWhileHolding(origin, Number(opts.hold));
    const { connected } = await screens.count(0);
    console.log(
      JSON.stringify(
        {
          at: new Date().toISOString(),
          productId,
          requested: Number(opts.screens),
          failed,
          rampSeconds,
          connectedAtEnd: connected,
          rest,
        },
        null,
        2,
      ),
    );
    return failed === 0 && rest.failures === 0 ? 0 : 1;
  } finally {
    screens.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(2);
  },
);

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { Command, Option } from 'commander';
import { allGreen } from './benchResult.js';
import { REDIS_APPEND_FSYNC, SCENARIOS, type Scenario } from './options.js';
import { projectionsCli } from './projectionsCli.js';
import { pushCli } from './push/pushCli.js';
import { formatReport } from './report.js';
import { runBench } from './runBench.js';

/**
 * `npm run bench -- --scenario herd --shoppers 20000 --units 1000 --connections 256 --json results/herd.json`
 * Exit code 0 only when every invariant held; 1 when one broke; 2 when the run itself failed.
 */
const program = new Command('bench')
  .description(
    'ScaleMart load harness: starts the system, runs a flash sale, checks every invariant',
  )
  .addOption(
    new Option('--scenario <name>', 'herd | sustained | soldout | mixed | projections | push')
      .choices([...SCENARIOS, 'projections', 'push'])
      .default('herd'),
  )
  .option('--events <n>', 'projections: events in the published history', '100000')
  .option('--warm-up <n>', 'projections: events of an untimed run first (0: cold servers)', '10000')
  .option('--products <n>', 'push: products, each watched by every watcher', '100')
  .option('--stock-notices <n>', 'push: product notices in the burst', '10000')
  .option('--users <n>', 'push: signed-in users with a socket each', '50')
  .option('--order-notices <n>', 'push: order notices in the burst (pending, confirmed)', '2000')
  .option('--watchers <n>', 'push: anonymous sockets watching every product', '20')
  .option('--shoppers <n>', 'distinct shoppers (S)', '20000')
  .option('--units <n>', 'units on sale (U)', '1000')
  .option('--connections <n>', 'concurrent connections (C)', '256')
  .option('--duration <seconds>', 'sustained/mixed: how long the load lasts', '10')
  .option('--rate <perSecond>', 'open loop: offered purchases (push: notices) per second')
  .option(
    '--chaos',
    'kill -9 a command-api and a processor, crash NATS and Redis during the run (cluster: the ' +
      "SHOP stream leader and the product's Redis master)",
    false,
  )
  .option(
    '--topology <single|cluster>',
    'local servers: one each, or NATS x3 and Redis Cluster',
    'single',
  )
  .option('--socket-sample <n>', 'shoppers watched on a socket for 202 -> confirmed', '200')
  .option('--command-apis <n>', 'command-api instances (round-robin)', '2')
  .option('--screens <n>', 'anonymous screens watching the sale through the one origin', '0')
  .option('--query-apis <n>', 'query-api instances (default: one per 10,000 screens)')
  .option('--no-push-probe', 'with screens: skip the timed pushes after the run')
  .option('--payment-latency <ms>', 'processors PAYMENT_LATENCY_MS (their default otherwise)')
  .option('--external', 'use NATS_URL/REDIS_URL/MONGO_URL instead of a local stack', false)
  .option('--cpu-prof <dir>', 'write CPU profiles of every service into this directory')
  .option('--json <file>', 'write the figures as JSON here')
  .option('--no-progress', 'no progress bar')
  .option('--seed <n>', 'chaos seed', '1')
  .option(
    '--nats-sync <interval>',
    "local NATS sync_interval: 'always' (fsync per PubAck, as npm start) or e.g. '1s'",
    'always',
  )
  .addOption(
    new Option('--redis-appendfsync <mode>', "local Redis AOF appendfsync ('always' as npm start)")
      .choices(REDIS_APPEND_FSYNC)
      .default('always'),
  )
  .option(
    '--replay-timeout <ms>',
    "time allowed for the processors' rebuild comparison (0 skips it)",
    '90000',
  )
  .option(
    '--drain-timeout <ms>',
    'how long the processors may take to drain after the load',
    '300000',
  );

/** The values commander hands over, as typed on the command line: BenchOptions coerces and checks them. */
interface CliValues {
  scenario: Scenario | 'projections' | 'push';
  events: string;
  warmUp: string;
  products: string;
  stockNotices: string;
  users: string;
  orderNotices: string;
  watchers: string;
  shoppers: string;
  units: string;
  connections: string;
  duration: string;
  rate?: string;
  chaos: boolean;
  socketSample: string;
  commandApis: string;
  screens: string;
  queryApis?: string;
  pushProbe: boolean;
  paymentLatency?: string;
  external: boolean;
  topology: 'single' | 'cluster';
  cpuProf?: string;
  json?: string;
  progress: boolean;
  seed: string;
  natsSync: string;
  redisAppendfsync: (typeof REDIS_APPEND_FSYNC)[number];
  replayTimeout: string;
  drainTimeout: string;
}

async function main(): Promise<number> {
  const opts = program.parse().opts<CliValues>();
  if (opts.scenario === 'projections') return projectionsCli(opts);
  if (opts.scenario === 'push') return pushCli(opts);
  const bar = new SingleBar(
    {
      format: ' {phase} |{bar}| {value}/{total} requests, {accepted} accepted, {rps} req/s',
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  let barStarted = false;
  // Ctrl-C (or a CI timeout) stops every process the run spawned before exiting.
  let stopSystem: (() => Promise<void>) | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\nbench: ${signal}, stopping the system…`);
      void (stopSystem?.() ?? Promise.resolve()).finally(() => process.exit(130));
    });
  }
  const progress = opts.progress !== false && process.stdout.isTTY;
  const result = await runBench(
    {
      scenario: opts.scenario,
      shoppers: opts.shoppers,
      units: opts.units,
      connections: opts.connections,
      durationSeconds: opts.duration,
      rate: opts.rate,
      chaos: opts.chaos,
      socketSample: opts.socketSample,
      commandApis: opts.commandApis,
      screens: opts.screens,
      queryApis: opts.queryApis,
      pushProbe: opts.pushProbe,
      paymentLatencyMs: opts.paymentLatency,
      external: opts.external,
      topology: opts.topology,
      cpuProfDir: opts.cpuProf ? path.resolve(opts.cpuProf) : undefined,
      json: opts.json,
      seed: opts.seed,
      drainTimeoutMs: opts.drainTimeout,
      natsSyncInterval: opts.natsSync,
      redisAppendFsync: opts.redisAppendfsync,
      replayTimeoutMs: opts.replayTimeout,
    },
    {
      onSystem: (system) => {
        stopSystem = () => system.stop();
      },
      onDrainState: (state) => {
        if (process.env.BENCH_DEBUG) console.error('drain', JSON.stringify(state));
      },
      onPhase: (phase) => {
        if (barStarted) bar.stop();
        barStarted = false;
        console.error(`bench: ${phase}…`);
      },
      onProgress: (tally, expected) => {
        if (!progress) return;
        const total = expected ?? Math.max(tally.requests, 1);
        const payload = {
          phase: 'load',
          accepted: tally.accepted,
          rps: Math.round((tally.requests / Math.max(tally.elapsedMs || 1, 1)) * 1000),
        };
        if (!barStarted) {
          bar.start(total, tally.requests, payload);
          barStarted = true;
        }
        bar.setTotal(Math.max(total, tally.requests));
        bar.update(tally.requests, payload);
      },
    },
  );
  if (barStarted) bar.stop();
  console.log(formatReport(result));
  if (opts.json) {
    mkdirSync(path.dirname(path.resolve(opts.json)), { recursive: true });
    writeFileSync(opts.json, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nfigures written to ${opts.json}`);
  }
  if (!allGreen(result)) {
    console.error('\nINVARIANT BROKEN: see the problems above');
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(2);
  },
);

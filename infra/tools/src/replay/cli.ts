/**
 * `npm run replay -- <command>`: rebuild read models, tail or dump the stream (issue 4).
 *   rebuild [--model products|orders|sales|all] [--into <db>] [--from-seq N] [--to-seq N]
 *   dump    [--type T,...] [--aggregate ID] [--from-seq N] [--to-seq N] [--since ISO] [--until ISO]
 *   tail    (same filters; keeps following new events)
 * Connects with the services' environment (NATS_URL, MONGO_URL, MONGO_DB, SCALEMART_NAMESPACE).
 */
import { SHOP_EVENT_TYPES, shopNaming, type ShopEventType } from '@scalemart/contracts';
import { configOrExit, connectMongo, connectNats } from '@scalemart/runtime/service';
import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import {
  loadConfig,
  readStream,
  rebuild,
  type ModelName,
  type StreamFilter,
} from '@scalemart/processors';

const config = configOrExit('replay', () => loadConfig());
const naming = shopNaming(config.SCALEMART_NAMESPACE);
const seq = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
};
const time = (value: string) => {
  if (Number.isNaN(Date.parse(value))) throw new InvalidArgumentError('must be an ISO timestamp');
  return value;
};
const types = (value: string) => {
  const list = value.split(',').map((t) => t.trim());
  const unknown = list.filter((t) => !SHOP_EVENT_TYPES.includes(t as ShopEventType));
  if (unknown.length > 0)
    throw new InvalidArgumentError(
      `unknown type(s) ${unknown.join(', ')}; known: ${SHOP_EVENT_TYPES.join(', ')}`,
    );
  return list as ShopEventType[];
};

const program = new Command('replay').description(
  'Rebuild ScaleMart read models and read the event stream',
);

program
  .command('rebuild')
  .description(
    'replay the stream into fresh collections, then swap them in (or into a throwaway db)',
  )
  .option('--model <model>', 'products | orders | sales | all', 'all')
  .option('--into <db>', 'replay into this (throwaway) database instead of swapping the live one')
  .option('--from-seq <n>', 'first stream sequence (with --into)', seq)
  .option('--to-seq <n>', 'last stream sequence (with --into)', seq)
  .action(async (opts: { model: string; into?: string; fromSeq?: number; toSeq?: number }) => {
    const all: ModelName[] = ['products', 'orders', 'sales'];
    if (opts.model !== 'all' && !all.includes(opts.model as ModelName)) {
      throw new InvalidArgumentError(`--model must be one of ${[...all, 'all'].join(', ')}`);
    }
    if (!opts.into && (opts.fromSeq || opts.toSeq))
      throw new InvalidArgumentError('--from-seq/--to-seq need --into');
    const nc = await connectNats(config.NATS_URL, 'replay');
    const { client, db } = await connectMongo(config.MONGO_URL, opts.into ?? config.MONGO_DB);
    const bar = new SingleBar({
      format: 'rebuild [{bar}] {value}/{total} seq | {events} events | {rate} events/s',
    });
    const started = performance.now();
    bar.start(1, 0, { events: 0, rate: 0 });
    try {
      const report = await rebuild({
        nc,
        naming,
        db,
        models: opts.model === 'all' ? all : [opts.model as ModelName],
        mode: opts.into ? 'direct' : 'swap',
        filter: { fromSeq: opts.fromSeq, toSeq: opts.toSeq },
        onProgress: ({ seq: at, lastSeq, events }) => {
          bar.setTotal(Math.max(lastSeq, 1));
          bar.update(at, {
            events,
            rate: Math.round(events / ((performance.now() - started) / 1000)),
          });
        },
      });
      bar.stop();
      console.log(
        JSON.stringify({ ...report, models: opts.model, db: db.databaseName, swapped: !opts.into }),
      );
    } finally {
      bar.stop();
      await client.close();
      await nc.drain();
    }
  });

const readCommand = (name: 'dump' | 'tail', description: string) =>
  program
    .command(name)
    .description(description)
    .option('--type <types>', 'comma-separated event types', types)
    .option('--aggregate <id>', 'aggregate id (a product id also matches its orders)')
    .option('--from-seq <n>', 'first stream sequence', seq)
    .option('--to-seq <n>', 'last stream sequence', seq)
    .option('--since <iso>', 'from this stream time', time)
    .option('--until <iso>', 'up to this stream time', time)
    .action(
      async (
        opts: { type?: ShopEventType[]; aggregate?: string } & Omit<
          StreamFilter,
          'types' | 'aggregate'
        >,
      ) => {
        const nc = await connectNats(config.NATS_URL, `replay-${name}`);
        const abort = new AbortController();
        process.once('SIGINT', () => abort.abort());
        try {
          const filter: StreamFilter = { ...opts, types: opts.type };
          for await (const entry of readStream(nc, naming, filter, {
            follow: name === 'tail',
            signal: abort.signal,
          })) {
            const line = {
              seq: entry.seq,
              subject: entry.subject,
              time: entry.time,
              event: entry.event ?? null,
            };
            if (!entry.event) Object.assign(line, { invalid: entry.raw.slice(0, 2_000) });
            process.stdout.write(`${JSON.stringify(line)}\n`);
          }
        } finally {
          await nc.drain();
        }
      },
    );

readCommand('dump', 'print matching events as JSON lines, up to the end of the stream now');
readCommand(
  'tail',
  'print matching events as JSON lines, and keep following new ones (Ctrl-C stops)',
);

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

/**
 * Measures projection throughput and the rebuild rate on a stack of its own:
 *   node processors/dist/bench/projectionBench.js [events=100000] [batchSize=500] [--rebuild-only]
 * Publishes a consistent mixed history, times the live projections (all three, one instance)
 * from the first event to drained, then times `rebuild` of all models into fresh collections.
 * `--rebuild-only` skips the live part (on FerretDB v1 its updates grow with the collections, so
 * a live run over 100,000 events takes hours; the rebuild writes by inserts).
 */
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { CONSUMERS, shopNaming } from '@scalemart/contracts';
import { ensureStreams, LocalStack } from '@scalemart/infra';
import { connectMongo, connectNats, createLogger } from '@scalemart/infra/service';
import { setTimeout as sleep } from 'node:timers/promises';
import { rebuild } from '../replay/rebuild.js';
import { startProcessors } from '../startProcessors.js';
import { mixedHistory } from './mixedHistory.js';

const [target = 100_000, batchSize = 500] = process.argv.slice(2).filter((a) => !a.startsWith('--')).map(Number);
const rebuildOnly = process.argv.includes('--rebuild-only');
const stack = await LocalStack.start();
try {
  const naming = shopNaming('bench');
  const nc = await connectNats(stack.urls.nats, 'bench');
  await ensureStreams(nc, naming);
  const js = jetstream(nc);
  // About 2.35 events per order (placed, confirmed or rejected, a release per rejection, restocks).
  const events = mixedHistory({ products: 20, orders: Math.round(target / 2.35) });
  let published = 0;
  for (let i = 0; i < events.length; i += 500) {
    await Promise.all(events.slice(i, i + 500).map((e) =>
      js.publish(naming.subjectFor(e.type, e.aggregateId), JSON.stringify(e), { msgID: e.id })));
    published += Math.min(500, events.length - i);
  }
  console.log(`published ${published} events`);

  if (!rebuildOnly) {
    const started = performance.now();
    const processors = await startProcessors({
      natsUrl: stack.urls.nats, redisUrl: stack.urls.redis, mongoUrl: stack.urls.mongo, mongoDb: 'bench',
      namespace: 'bench', jobs: ['products', 'orders', 'sales'], batchSize, outboxRelay: false,
      logger: createLogger('processors', process.env.LOG_LEVEL ?? 'warn'),
    });
    const jsm = await jetstreamManager(nc);
    const durables = [CONSUMERS.productsProjection, CONSUMERS.ordersProjection, CONSUMERS.salesProjection];
    for (;;) {
      const infos = await Promise.all(durables.map((d) => jsm.consumers.info(naming.stream, d)));
      const left = infos.map((i) => i.num_pending + i.num_ack_pending);
      if (left.every((n) => n === 0)) break;
      process.stdout.write(`\rleft per projection: ${left.join(' / ')}      `);
      await sleep(200); // the drain is seen within 200 ms: at a few seconds per run, 1 s polls skewed the figure
    }
    const liveSeconds = (performance.now() - started) / 1000;
    await processors.close();
    // Each projection reads every event of its filter; the figure counts stream events, once.
    console.log(`\nlive projections: ${published} events in ${liveSeconds.toFixed(1)} s = ${Math.round(published / liveSeconds)} events/s (batch ${batchSize})`);
  }

  const { client, db } = await connectMongo(stack.urls.mongo, 'bench');
  const report = await rebuild({ nc, naming, db, models: ['products', 'orders', 'sales'] });
  console.log(`rebuild all models: ${report.events} events in ${report.seconds.toFixed(1)} s = ${report.eventsPerSecond} events/s`);
  await client.close();
  await nc.drain();
} finally {
  await stack.stop();
}

import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  CONSUMERS,
  shopNaming,
  type ChangeNotice,
  type ShopEventType,
  type ShopNaming,
} from '@scalemart/contracts';
import { ensureStreams } from '@scalemart/runtime';
import { connectMongo, connectNats, createLogger, createRedis } from '@scalemart/runtime/service';
import { WriteModel, startOutboxRelay } from '@scalemart/runtime/writeModel';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Logger } from 'pino';
import { mongoDeadLetters } from './consumer/deadLetters.js';
import { runConsumer, type RunningConsumer } from './consumer/runConsumer.js';
import { startHealthServer } from './http/healthServer.js';
import { ProcessorMetrics } from './metrics.js';
import { confirmOrder, PAYMENT_CONCURRENCY } from './orders/confirmOrder.js';
import { simulatedGateway } from './orders/paymentGateway.js';
import { PROJECTIONS } from './projections/index.js';
import { mongoStore } from './projections/documentStore.js';
import { CachedStore } from './projections/cachedStore.js';
import { collectionOf, type ReadModelDoc } from './projections/projection.js';
import { runProjection } from './consumer/runProjection.js';

/** confirm-orders, and the projections (every read model, one durable). */
export type Job = 'confirm' | 'projections';

export interface ProcessorsConfig {
  natsUrl: string;
  redisUrl: string;
  redisKeyPrefix?: string;
  mongoUrl: string;
  mongoDb: string;
  namespace?: string;
  /** Health/metrics port; 0 picks a free one, null serves none. Default null. */
  port?: number | null;
  /** Where the health/metrics server listens; default 127.0.0.1. */
  host?: string;
  /** Bearer token /metrics asks for; without it, /metrics answers loopback peers only. */
  metricsToken?: string;
  payment?: { latencyMs?: number; failureRate?: number; concurrency?: number };
  batchSize?: number;
  outboxRelay?: boolean;
  /** Which jobs this instance runs (default all). */
  jobs?: Job[];
  logger?: Logger;
}

export interface RunningProcessors {
  readonly naming: ShopNaming;
  readonly metrics: ProcessorMetrics;
  /** The health/metrics port, when one is served. */
  readonly port: number | undefined;
  /** Finishes the batches in hand, acks nothing unwritten, closes every connection. */
  close(): Promise<void>;
}

/** Starts the confirm-orders consumer, the projections, the outbox relay and the health server. */
export async function startProcessors(config: ProcessorsConfig): Promise<RunningProcessors> {
  const logger = config.logger ?? createLogger('processors');
  const naming = shopNaming(config.namespace ?? '');
  const jobs = new Set<Job>(config.jobs ?? ['confirm', 'projections']);
  // Every confirmation and ack is a request or publish: no stack trace built for each just in case.
  const nc = await connectNats(config.natsUrl, 'processors', { noAsyncTraces: true });
  await ensureStreams(nc, naming);
  const js = jetstream(nc);
  const jsm = await jetstreamManager(nc);
  const redis = createRedis(config.redisUrl, config.redisKeyPrefix ?? '');
  const store = new WriteModel(redis);
  const { client, db } = await connectMongo(config.mongoUrl, config.mongoDb);
  const durables = [
    ...(jobs.has('confirm') ? [CONSUMERS.confirmOrders] : []),
    ...(jobs.has('projections') ? [CONSUMERS.projections] : []),
  ];
  const metrics = new ProcessorMetrics(() => consumerLag(nc, naming.stream, durables));
  const deadLetters = mongoDeadLetters({ db, nc, naming });
  const batchSize = config.batchSize ?? 500;
  const consumers: RunningConsumer[] = [];

  if (jobs.has('confirm')) {
    const gateway = simulatedGateway({
      latencyMs: config.payment?.latencyMs ?? 300,
      failureRate: config.payment?.failureRate ?? 0.05,
    });
    consumers.push(
      runConsumer({
        js,
        stream: naming.stream,
        durable: CONSUMERS.confirmOrders,
        deadLetters,
        metrics,
        logger,
        concurrency: config.payment?.concurrency ?? PAYMENT_CONCURRENCY,
        async handle({ event }) {
          if (event.type !== 'OrderPlaced') return;
          metrics.payments.inc({
            outcome: await confirmOrder({ js, naming, store, gateway }, event),
          });
        },
      }),
    );
  }

  if (jobs.has('projections')) {
    consumers.push(
      runProjection({
        js,
        jsm,
        stream: naming.stream,
        durable: CONSUMERS.projections,
        deadLetters,
        metrics,
        logger,
        batchSize,
        folds: PROJECTIONS.map((projection) => ({
          projection,
          store: new CachedStore(
            mongoStore(db.collection<ReadModelDoc>(collectionOf(projection.model))),
          ),
        })),
        wanted: subjectsOf(naming, [...new Set(PROJECTIONS.flatMap((p) => p.eventTypes))]),
        publish: (notices) => publishNotices(nc, naming, notices),
      }),
    );
  }

  // Here, not in command-api: see README ("Where the outbox relay runs").
  const relay =
    config.outboxRelay === false
      ? undefined
      : startOutboxRelay(
          { js, naming, store },
          {
            onError: (error) => logger.warn({ err: error }, 'outbox relay failed; retrying'),
            onRelayed: (count) =>
              logger.warn({ count }, 'outbox relay republished orphaned events'),
          },
        );
  const health =
    config.port === undefined || config.port === null
      ? undefined
      : await startHealthServer({
          port: config.port,
          host: config.host ?? '127.0.0.1',
          metricsToken: config.metricsToken,
          metrics,
          isHealthy: () => !nc.isClosed(),
        });
  logger.info(
    { jobs: [...jobs], port: health?.port, namespace: naming.namespace },
    'processors started',
  );

  return {
    naming,
    metrics,
    port: health?.port,
    async close() {
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await relay?.stop();
      await health?.close();
      await nc.drain().catch(() => undefined); // flushes the acks of the last batches
      await client.close();
      redis.disconnect();
    },
  };
}

/** `<root>.order.placed.*` -> `<root>.order.placed.`: the subjects of the given types. */
function subjectsOf(
  naming: ShopNaming,
  types: readonly ShopEventType[],
): (subject: string) => boolean {
  const prefixes = types.map((type) => naming.filterFor(type).slice(0, -1));
  return (subject) => prefixes.some((prefix) => subject.startsWith(prefix));
}

function publishNotices(nc: NatsConnection, naming: ShopNaming, notices: ChangeNotice[]) {
  for (const notice of notices) nc.publish(naming.subjectOfNotice(notice), JSON.stringify(notice));
}

async function consumerLag(nc: NatsConnection, stream: string, durables: string[]) {
  const jsm = await jetstreamManager(nc);
  return Promise.all(
    durables.map(async (consumer) => {
      const info = await jsm.consumers.info(stream, consumer);
      return { consumer, pending: info.num_pending, ackPending: info.num_ack_pending };
    }),
  );
}

import { createLogger } from '@scalemart/infra/service';
import { loadConfig } from './config.js';
import { startProcessors } from './startProcessors.js';

const config = loadConfig();
const logger = createLogger('processors', config.LOG_LEVEL);
const processors = await startProcessors({
  natsUrl: config.NATS_URL,
  redisUrl: config.REDIS_URL,
  redisKeyPrefix: config.REDIS_KEY_PREFIX,
  mongoUrl: config.MONGO_URL,
  mongoDb: config.MONGO_DB,
  namespace: config.SCALEMART_NAMESPACE,
  port: config.PORT,
  payment: {
    latencyMs: config.PAYMENT_LATENCY_MS,
    failureRate: config.PAYMENT_FAILURE_RATE,
    concurrency: config.PAYMENT_CONCURRENCY,
  },
  batchSize: config.BATCH_SIZE,
  outboxRelay: config.OUTBOX_RELAY === 'on',
  stalePlanMs: config.LEDGER_STALE_PLAN_MS,
  jobs: config.PROCESSOR_JOBS,
  logger,
});

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: finishing the batches in hand');
    processors.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'unclean shutdown');
        process.exit(1);
      },
    );
  });
}

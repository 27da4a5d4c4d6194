import { closeOnSignals, configOrExit, createLogger } from '@scalemart/runtime/service';
import { loadConfig } from './config.js';
import { startProcessors } from './startProcessors.js';

const config = configOrExit('processors', () => loadConfig());
const logger = createLogger('processors', config.LOG_LEVEL);
const processors = await startProcessors({
  natsUrl: config.NATS_URL,
  redisUrl: config.REDIS_URL,
  redisKeyPrefix: config.REDIS_KEY_PREFIX,
  mongoUrl: config.MONGO_URL,
  mongoDb: config.MONGO_DB,
  namespace: config.SCALEMART_NAMESPACE,
  port: config.PORT,
  host: config.HOST,
  metricsToken: config.METRICS_TOKEN,
  payment: {
    latencyMs: config.PAYMENT_LATENCY_MS,
    failureRate: config.PAYMENT_FAILURE_RATE,
    concurrency: config.PAYMENT_CONCURRENCY,
  },
  batchSize: config.BATCH_SIZE,
  outboxRelay: config.OUTBOX_RELAY === 'on',
  jobs: config.PROCESSOR_JOBS,
  logger,
});

// Batches in hand finish before the exit; a longer wait than the APIs' (an unacked message would
// only come back after the ack wait, but a finished batch is not redone).
closeOnSignals({
  close: () => processors.close(),
  logger,
  message: 'shutting down: finishing the batches in hand',
  forceExitAfterMs: 30_000,
});

import { createLogger } from '@scalemart/infra/service';
import { collectDefaultMetrics } from 'prom-client';
import { loadConfig } from './config.js';
import { startCommandApi } from './startCommandApi.js';

// Side effects only: parse the environment, connect, listen, shut down gracefully.
const config = loadConfig();
const logger = createLogger('command-api', config.LOG_LEVEL);
const api = await startCommandApi(config, { logger });
collectDefaultMetrics({ register: api.metrics.registry });

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    api.close().then(
      () => {
        clearTimeout(force);
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}

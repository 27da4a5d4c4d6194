import { closeOnSignals, configOrExit, createLogger } from '@scalemart/runtime/service';
import { collectDefaultMetrics } from 'prom-client';
import { loadConfig } from './config.js';
import { startCommandApi } from './startCommandApi.js';

// Side effects only: parse the environment, connect, listen, shut down gracefully.
const config = configOrExit('command-api', () => loadConfig());
const logger = createLogger('command-api', config.LOG_LEVEL);
const api = await startCommandApi(config, { logger });
collectDefaultMetrics({ register: api.metrics.registry });

closeOnSignals({ close: () => api.close(), logger });

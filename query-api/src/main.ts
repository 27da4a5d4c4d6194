import { closeOnSignals, configOrExit } from '@scalemart/runtime/service';
import { loadConfig } from './config.js';
import { startQueryApi } from './startQueryApi.js';

// Side effects only: parse the environment, start, and stop cleanly on SIGTERM/SIGINT.
const config = configOrExit('query-api', () => loadConfig());
const api = await startQueryApi(config);
closeOnSignals({ close: () => api.close() });

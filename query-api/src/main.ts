import { closeOnSignals, ConfigError } from '@scalemart/infra/service';
import { loadConfig } from './config.js';
import { startQueryApi } from './queryApi.js';

// Side effects only: parse the environment, start, and stop cleanly on SIGTERM/SIGINT.
try {
  const api = await startQueryApi(loadConfig());
  closeOnSignals({ close: () => api.close() });
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

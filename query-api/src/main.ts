import { ConfigError } from '@scalemart/infra/service';
import { loadConfig } from './config.js';
import { startQueryApi } from './queryApi.js';

// Side effects only: parse the environment, start, and stop cleanly on SIGTERM/SIGINT.
try {
  const api = await startQueryApi(loadConfig());
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      const force = setTimeout(() => process.exit(1), 10_000);
      force.unref();
      api.close().then(() => process.exit(0), () => process.exit(1));
    });
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

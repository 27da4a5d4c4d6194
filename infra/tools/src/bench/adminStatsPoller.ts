import { setTimeout as sleep } from 'node:timers/promises';
import { LatencyHistogram } from './latencyHistogram.js';

/** Admins watching the dashboard during the sale: each reads /api/admin/stats in a loop. */
export class AdminStatsPoller {
  readonly latency = new LatencyHistogram();
  count = 0;
  failures = 0;
  #running = false;

  start(queryApiUrl: string, adminToken: string, admins: number, pauseMs = 250): void {
    this.#running = true;
    for (let i = 0; i < admins; i++) void this.#loop(queryApiUrl, adminToken, pauseMs);
  }

  async #loop(url: string, token: string, pauseMs: number): Promise<void> {
    while (this.#running) {
      const started = performance.now();
      try {
        const response = await fetch(`${url}/api/admin/stats`, {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(5_000),
        });
        await response.arrayBuffer();
        if (response.ok) {
          this.count += 1;
          this.latency.recordMs(performance.now() - started);
        } else this.failures += 1;
      } catch {
        this.failures += 1;
      }
      await sleep(pauseMs);
    }
  }

  stop(): void {
    this.#running = false;
  }
}

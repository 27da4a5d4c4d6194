import { setTimeout as sleep } from 'node:timers/promises';
import { LatencyHistogram } from './latencyHistogram.js';
import { RawHttpPool } from './rawHttpPool.js';

export interface Shopper {
  userId: string;
  token: string;
}

/** One purchase the generator should send (the shopper and the product). */
export interface Purchase {
  shopper: Shopper;
  productId: string;
}

export interface Accepted {
  orderId: string;
  userId: string;
  productId: string;
  /** performance.now() when the 202 arrived. */
  at: number;
}

export interface LoadTally {
  requests: number;
  accepted: number;
  refused: number;
  refusedByCode: Record<string, number>;
  /** Transport errors and 5xx: neither an acceptance nor a refusal the client understood. */
  errors: number;
  errorsByKind: Record<string, number>;
  elapsedMs: number;
}

export interface LoadOptions {
  /** command-api base URLs; requests go round-robin over them. */
  targets: string[];
  connections: number;
  /** Returns the next purchase, or undefined when the scenario has nothing more to send. */
  next: () => Purchase | undefined;
  /** Open loop at this many purchases/s; closed loop (C in flight) when absent. */
  rate?: number;
  /** Retry a transport error once on the next instance with the same Idempotency-Key (chaos). */
  retryWithIdempotencyKey?: boolean;
  onAccepted?: (accepted: Accepted) => void;
  onProgress?: (tally: LoadTally) => void;
}

/**
 * The purchase load: keep-alive connections with one request in flight each (RawHttpPool: a
 * hand-written client, a few times cheaper per request than undici, so the generator does not take
 * the cores from the servers it measures), closed loop (C requests always in
 * flight) or open loop (a fixed offered rate, latency counted from the scheduled send time so a
 * stall is not hidden by coordinated omission). Latencies go to HDR histograms.
 */
export class LoadGenerator {
  readonly acceptedLatency = new LatencyHistogram();
  readonly refusedLatency = new LatencyHistogram();
  readonly accepted: Accepted[] = [];
  readonly tally: LoadTally = {
    requests: 0,
    accepted: 0,
    refused: 0,
    refusedByCode: {},
    errors: 0,
    errorsByKind: {},
    elapsedMs: 0,
  };
  /** performance.now() when the first request went out (0 before run()). */
  startedAt = 0;
  readonly #pools: RawHttpPool[];
  #turn = 0;
  #keySeq = 0;

  constructor(readonly options: LoadOptions) {
    const perTarget = Math.max(1, Math.ceil(options.connections / options.targets.length));
    this.#pools = options.targets.map((origin) => new RawHttpPool(origin, perTarget));
  }

  async run(): Promise<LoadTally> {
    const started = performance.now();
    this.startedAt = started;
    const progress = setInterval(() => {
      this.tally.elapsedMs = performance.now() - started;
      this.options.onProgress?.(this.tally);
    }, 200);
    try {
      if (this.options.rate) await this.#openLoop(this.options.rate);
      else
        await Promise.all(Array.from({ length: this.options.connections }, () => this.#worker()));
    } finally {
      clearInterval(progress);
      this.tally.elapsedMs = performance.now() - started;
      this.options.onProgress?.(this.tally);
    }
    return this.tally;
  }

  async #worker(): Promise<void> {
    for (let purchase = this.options.next(); purchase; purchase = this.options.next()) {
      await this.#send(purchase, performance.now());
    }
  }

  async #openLoop(rate: number): Promise<void> {
    const intervalMs = 1000 / rate;
    const started = performance.now();
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; ; i++) {
      const purchase = this.options.next();
      if (!purchase) break;
      const scheduled = started + i * intervalMs;
      const wait = scheduled - performance.now();
      if (wait > 1) await sleep(wait);
      const sending = this.#send(purchase, scheduled).finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    }
    await Promise.all(inFlight);
  }

  async #send(purchase: Purchase, startedAt: number): Promise<void> {
    this.tally.requests += 1;
    const body = JSON.stringify({ productId: purchase.productId, quantity: 1 });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      authorization: `Bearer ${purchase.shopper.token}`,
    };
    if (this.options.retryWithIdempotencyKey)
      headers['idempotency-key'] = `bench-${process.pid}-${++this.#keySeq}`;
    const attempts = this.options.retryWithIdempotencyKey ? 3 : 1;
    for (let attempt = 1; ; attempt++) {
      const pool = this.#pools[this.#turn++ % this.#pools.length]!;
      try {
        const answer = await pool.request(pool.post('/api/orders', headers, body));
        this.#settle(purchase, answer.status, answer.body, startedAt);
        return;
      } catch (error) {
        if (attempt < attempts) {
          await sleep(100 * attempt);
          continue;
        }
        this.#error((error as { code?: string }).code ?? (error as Error).name);
        return;
      }
    }
  }

  #settle(purchase: Purchase, status: number, text: string, startedAt: number): void {
    const now = performance.now();
    if (status === 202 || status === 200) {
      const { orderId } = JSON.parse(text) as { orderId: string };
      this.tally.accepted += 1;
      this.acceptedLatency.recordMs(now - startedAt);
      const accepted = {
        orderId,
        userId: purchase.shopper.userId,
        productId: purchase.productId,
        at: now,
      };
      this.accepted.push(accepted);
      this.options.onAccepted?.(accepted);
    } else if (status >= 400 && status < 500) {
      let code = String(status);
      try {
        code = (JSON.parse(text) as { code?: string }).code ?? code;
      } catch {
        /* not problem+json: keep the status */
      }
      this.tally.refused += 1;
      this.tally.refusedByCode[code] = (this.tally.refusedByCode[code] ?? 0) + 1;
      this.refusedLatency.recordMs(now - startedAt);
    } else {
      this.#error(`http_${status}`);
    }
  }

  #error(kind: string): void {
    this.tally.errors += 1;
    this.tally.errorsByKind[kind] = (this.tally.errorsByKind[kind] ?? 0) + 1;
  }

  close(): Promise<void> {
    for (const pool of this.#pools) pool.close();
    return Promise.resolve();
  }
}

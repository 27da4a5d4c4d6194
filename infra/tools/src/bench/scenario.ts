import type { AdminClient } from './adminClient.js';
import type { Purchase, Shopper } from './loadGenerator.js';
import type { BenchOptions } from './options.js';

/** How a scenario shapes its sale and its stream of purchases. */
export interface ScenarioPlan {
  /** Per-user limit of the sale: 1 where every shopper buys once, more where shoppers return. */
  perUserLimit: number;
  /** The sale opens this long after setup (herd: everyone waits for the instant). */
  opensInMs: number;
  /** soldout: units bought (unmeasured) before the flood, so every measured request is a refusal. */
  sellOutFirst: boolean;
  /** Builds the purchase source for the measured phase. */
  purchases(shoppers: Shopper[], productId: string): () => Purchase | undefined;
  /** sustained/mixed: keeps stock to spare while the load runs; returns a stop function. */
  restocker?(
    admin: AdminClient,
    productId: string,
    acceptedSoFar: () => number,
  ): () => Promise<number>;
}

/** Each shopper once, in order: the herd at the opening, or the flood after the last unit. */
const eachShopperOnce = (count: number) => (shoppers: Shopper[], productId: string) => {
  let next = 0;
  return () =>
    next < count ? { shopper: shoppers[next++ % shoppers.length]!, productId } : undefined;
};

/** Shoppers round-robin until the duration is over (they return: the per-user limit is high). */
const untilDeadline = (durationMs: number) => (shoppers: Shopper[], productId: string) => {
  let next = 0;
  let deadline: number | undefined;
  return () => {
    deadline ??= performance.now() + durationMs;
    return performance.now() < deadline
      ? { shopper: shoppers[next++ % shoppers.length]!, productId }
      : undefined;
  };
};

/** Every 250 ms, tops the stock up to stay ahead of the buyers: throughput, not sell-out, is measured. */
function keepStocked(units: number) {
  return (admin: AdminClient, productId: string, acceptedSoFar: () => number) => {
    let stocked = units;
    let restocked = 0;
    let busy: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      busy = busy.then(async () => {
        const wanted = acceptedSoFar() + Math.max(units, 2_000) - stocked;
        if (wanted <= 0) return;
        if (await admin.restock(productId, wanted)) {
          stocked += wanted;
          restocked += wanted;
        }
      });
    }, 250);
    return async () => {
      clearInterval(timer);
      await busy;
      return restocked;
    };
  };
}

export function planScenario(options: BenchOptions): ScenarioPlan {
  const durationMs = options.durationSeconds * 1000;
  switch (options.scenario) {
    case 'herd':
      return {
        perUserLimit: 1,
        opensInMs: 2_000,
        sellOutFirst: false,
        purchases: eachShopperOnce(options.shoppers),
      };
    case 'soldout':
      return {
        perUserLimit: 1,
        opensInMs: 500,
        sellOutFirst: true,
        purchases: eachShopperOnce(options.shoppers),
      };
    case 'sustained':
    case 'mixed':
      return {
        perUserLimit: 100,
        opensInMs: 500,
        sellOutFirst: false,
        // Open loop: rate x duration purchases; closed loop: as many as fit in the duration.
        purchases: options.rate
          ? eachShopperOnce(Math.round(options.rate * options.durationSeconds))
          : untilDeadline(durationMs),
        restocker: keepStocked(options.units),
      };
  }
}

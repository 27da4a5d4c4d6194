import type { ProductChanged, StockPush } from '@scalemart/contracts';

interface Slot {
  latest: ProductChanged;
  emittedVersion: number;
  lastEmitAt: number;
  /** The wait before the next push: the interval, or longer when the last push was costly. */
  gapMs: number;
  timer: NodeJS.Timeout | undefined;
}

export interface StockCoalescer {
  /** Takes a product notice; older or repeated stock versions are dropped. */
  offer(notice: ProductChanged): void;
  /** The newest stock seen for a product (the truth a snapshot must not undercut). */
  latest(productId: string): ProductChanged | undefined;
  close(): void;
}

/**
 * Coalesces stock notices per product: the first change goes out at once (no added latency when
 * quiet), then at most one push per `intervalMs`, and a trailing push always carries the newest
 * stockVersion seen — so a burst ends on the true value, never on an intermediate one.
 *
 * A push to a full room is costly (about 20 µs of CPU per socket, most of it the kernel's: 10,000
 * screens take ~0.2 s), so the gap after a push also grows to `cost / fanOutShare`: fan-out takes at
 * most that share of the instance, and a herd's intermediate values never queue up in front of the
 * sold-out. `emit` is synchronous (Socket.IO writes every socket before it returns), so its
 * duration is the push's cost.
 */
export function createStockCoalescer(
  intervalMs: number,
  emit: (push: StockPush) => void,
  fanOutShare = 0.25,
): StockCoalescer {
  const slots = new Map<string, Slot>();

  function flush(slot: Slot): void {
    if (slot.latest.stockVersion === slot.emittedVersion) return;
    const { productId, available, pending, sold, stockVersion, eventAt } = slot.latest;
    slot.emittedVersion = stockVersion;
    const started = performance.now();
    emit({ productId, available, pending, sold, stockVersion, eventAt });
    const cost = performance.now() - started;
    slot.lastEmitAt = Date.now();
    slot.gapMs = Math.max(intervalMs, cost / fanOutShare);
  }

  return {
    offer(notice) {
      let slot = slots.get(notice.productId);
      if (!slot) {
        slot = {
          latest: notice,
          emittedVersion: -1,
          lastEmitAt: 0,
          gapMs: intervalMs,
          timer: undefined,
        };
        slots.set(notice.productId, slot);
      } else if (notice.stockVersion > slot.latest.stockVersion) {
        slot.latest = notice;
      } else {
        return; // reordered or duplicated: the newer value is already on its way
      }
      if (slot.timer) return;
      const wait = slot.lastEmitAt + slot.gapMs - Date.now();
      if (wait <= 0) return flush(slot);
      const pending = slot;
      pending.timer = setTimeout(() => {
        pending.timer = undefined;
        flush(pending);
      }, wait);
    },
    latest: (productId) => slots.get(productId)?.latest,
    close() {
      for (const slot of slots.values()) clearTimeout(slot.timer);
      slots.clear();
    },
  };
}

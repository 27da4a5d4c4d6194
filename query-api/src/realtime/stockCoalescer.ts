import { replacesStock, type ProductChanged, type StockPush } from '@scalemart/contracts';

interface Slot {
  latest: ProductChanged;
  emittedVersion: number;
  /** Whether the last push showed an empty shelf. */
  emittedSoldOut: boolean;
  lastEmitAt: number;
  /** The wait before the next push: the interval, or longer when the last push was costly. */
  gapMs: number;
  /** When the scheduled trailing push goes out. */
  dueAt: number;
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
 * A push to a full room is costly (CPU for every socket in it, most of it the kernel's), so the gap
 * after a push also grows to `cost / fanOutShare`: fan-out takes at most that share of the
 * instance, and a herd's intermediate values never queue up in front of the sold-out. `emit` is synchronous (Socket.IO writes every socket before it returns), so its
 * duration is the push's cost (wall time: on a starved machine it backs off further). A change
 * that empties the shelf, or fills an empty one, waits only `intervalMs`: what every screen must
 * show first is that it is sold out.
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
    slot.emittedSoldOut = available === 0;
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
          emittedSoldOut: false,
          lastEmitAt: 0,
          gapMs: intervalMs,
          dueAt: 0,
          timer: undefined,
        };
        slots.set(notice.productId, slot);
      } else if (replacesStock(notice, slot.latest)) {
        slot.latest = notice;
      } else {
        return; // reordered or duplicated: the newer value is already on its way
      }
      // A sold-out (or a refill) does not wait behind a long gap scheduled for an intermediate value.
      const shelfTurns = (slot.latest.available === 0) !== slot.emittedSoldOut;
      const due = slot.lastEmitAt + (shelfTurns ? intervalMs : slot.gapMs);
      if (slot.timer) {
        if (due >= slot.dueAt) return;
        clearTimeout(slot.timer);
        slot.timer = undefined;
      }
      if (due <= Date.now()) return flush(slot);
      const pending = slot;
      pending.dueAt = due;
      pending.timer = setTimeout(() => {
        pending.timer = undefined;
        flush(pending);
      }, due - Date.now());
    },
    latest: (productId) => slots.get(productId)?.latest,
    close() {
      for (const slot of slots.values()) clearTimeout(slot.timer);
      slots.clear();
    },
  };
}

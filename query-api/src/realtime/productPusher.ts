import {
  rooms,
  SOCKET_EVENTS,
  type ProductChanged,
  type ProductPush,
  type ProductView,
} from '@scalemart/contracts';
import { toView } from '../readModels/readModels.js';
import { roomEmitter, type PushDeps } from './roomEmitter.js';

export interface ProductPusher {
  /** Takes any product notice; looks at the product at most once per interval. */
  offer(notice: ProductChanged): void;
  close(): void;
}

/**
 * Pushes a whole product when what shoppers see of it beyond its stock changed: a sale scheduled
 * or ended early, a new product. Those facts carry no new stock version, so the stock coalescer
 * drops their notices and a shop would only learn of them on its next snapshot. Notices do not
 * say what changed, so this reads the product (at most once per product per interval, and only
 * when someone here watches it) and pushes it when its sale or name differs from the last one it
 * pushed.
 */
export function createProductPusher(deps: PushDeps, intervalMs: number): ProductPusher {
  const emit = roomEmitter(deps.io, deps.metrics);
  const pushed = new Map<string, string>();
  const scheduled = new Map<string, NodeJS.Timeout>();
  const lastReadAt = new Map<string, number>();
  const latestEventAt = new Map<string, string>();

  async function check(productId: string): Promise<void> {
    lastReadAt.set(productId, Date.now());
    const doc = await deps.models.products.findOne({ _id: productId });
    if (!doc) return;
    const product = toView<ProductView>(doc);
    const shown = JSON.stringify([
      product.name,
      product.description,
      product.priceCents,
      product.sale,
    ]);
    if (pushed.get(productId) === shown) return;
    pushed.set(productId, shown);
    const eventAt = latestEventAt.get(productId) ?? product.updatedAt;
    const push: ProductPush = { product, eventAt };
    emit([rooms.allProducts, rooms.product(productId)], SOCKET_EVENTS.product, push, eventAt);
  }

  return {
    offer(notice) {
      const { productId } = notice;
      latestEventAt.set(productId, notice.eventAt);
      if (scheduled.has(productId)) return;
      if (!deps.audience.has(rooms.allProducts) && !deps.audience.has(rooms.product(productId)))
        return;
      const wait = Math.max(0, (lastReadAt.get(productId) ?? 0) + intervalMs - Date.now());
      const timer = setTimeout(() => {
        scheduled.delete(productId);
        check(productId).catch((error: unknown) =>
          deps.logger.error({ err: error, productId }, 'product push failed'),
        );
      }, wait);
      timer.unref();
      scheduled.set(productId, timer);
    },
    close() {
      for (const timer of scheduled.values()) clearTimeout(timer);
      scheduled.clear();
    },
  };
}

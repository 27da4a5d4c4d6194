import { isLowStock, rooms, SOCKET_EVENTS, type StockPush } from '@scalemart/contracts';
import { roomEmitter, type PushDeps } from './roomEmitter.js';

/** The coalescer's output: a stock push to product rooms, and a low-stock alert to admins. */
export function stockPusher(deps: PushDeps) {
  const emit = roomEmitter(deps.io, deps.metrics);
  async function alertIfLow(push: StockPush): Promise<void> {
    if (!deps.audience.has(rooms.admin)) return;
    const doc = await deps.models.products.findOne(
      { _id: push.productId },
      { projection: { initialStock: 1, restocked: 1 } },
    );
    if (!doc || !isLowStock(push.available, doc.initialStock + doc.restocked)) return;
    const alert = { productId: push.productId, available: push.available, eventAt: push.eventAt };
    emit(rooms.admin, SOCKET_EVENTS.lowStock, alert, push.eventAt);
  }
  return (push: StockPush): void => {
    emit(
      [rooms.allProducts, rooms.product(push.productId)],
      SOCKET_EVENTS.stock,
      push,
      push.eventAt,
    );
    alertIfLow(push).catch((error: unknown) =>
      deps.logger.error({ err: error }, 'low-stock check failed'),
    );
  };
}

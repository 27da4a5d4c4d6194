import {
  ChangeNotice,
  rooms,
  SOCKET_EVENTS,
  type DeadLettered,
  type OrderChanged,
  type OrderView,
  type DeadLetter,
} from '@scalemart/contracts';
import { toView } from '../readModels/readModels.js';
import { createOrderBatcher } from './orderBatcher.js';
import type { ProductPusher } from './productPusher.js';
import { roomEmitter, type PushDeps } from './roomEmitter.js';
import type { StockCoalescer } from './stockCoalescer.js';

/** Turns this instance's change notices into pushes to its own sockets. */
export function createNoticeRouter(
  deps: PushDeps,
  coalescer: StockCoalescer,
  productPusher?: Pick<ProductPusher, 'offer'>,
) {
  const emit = roomEmitter(deps.io, deps.metrics);
  const orders = createOrderBatcher(
    deps.models,
    (doc, notice) => {
      const push = { order: toView<OrderView>(doc), eventAt: notice.eventAt };
      emit(rooms.user(doc.userId), SOCKET_EVENTS.order, push, notice.eventAt);
    },
    (error) => deps.logger.error({ err: error }, 'order push failed'),
  );

  function queueOrder(notice: OrderChanged): void {
    // Nobody here could see it (not even a socket within its recovery window): spare Mongo the read.
    if (deps.audience.has(rooms.user(notice.userId))) orders.offer(notice);
  }

  async function pushDeadLetter(notice: DeadLettered): Promise<void> {
    if (!deps.audience.has(rooms.admin)) return;
    const doc = await deps.models.deadLetters.findOne({ _id: notice.id });
    if (!doc)
      return deps.logger.warn(
        { id: notice.id },
        'dead-letter notice for a document not in the read model',
      );
    emit(rooms.admin, SOCKET_EVENTS.deadLetter, toView<DeadLetter>(doc), notice.eventAt);
  }

  return {
    handle(raw: string): void {
      let notice: ChangeNotice;
      try {
        notice = ChangeNotice.parse(JSON.parse(raw));
      } catch (error) {
        deps.metrics.notices.inc({ kind: 'unknown', outcome: 'invalid' });
        return deps.logger.warn(
          { err: error, raw: raw.slice(0, 200) },
          'ignoring an invalid change notice',
        );
      }
      deps.metrics.notices.inc({ kind: notice.kind, outcome: 'ok' });
      if (notice.kind === 'product') {
        coalescer.offer(notice);
        productPusher?.offer(notice);
      } else if (notice.kind === 'order') queueOrder(notice);
      else if (notice.kind === 'dead-letter') {
        pushDeadLetter(notice).catch((error: unknown) =>
          deps.logger.error({ err: error }, 'dead-letter push failed'),
        );
      }
      // 'sales' needs nothing here: the velocity tick reads the buckets every second anyway.
    },
  };
}

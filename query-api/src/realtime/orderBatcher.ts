import type { OrderChanged, OrderView } from '@scalemart/contracts';
import type { ReadModels, Stored } from '../readModels/readModels.js';

const MAX_BATCH = 500;
/**
 * Reads the orders behind order notices in batches, one batch in flight. One batch at a time keeps
 * a user's pushes in notice order (a batch started after a notice arrived reads a state at least
 * as new as that notice). Notices of one order queued together collapse into one push of its
 * latest state.
 */
export function createOrderBatcher(
  models: ReadModels,
  push: (doc: Stored<OrderView>, notice: OrderChanged) => void,
  onError: (error: unknown) => void,
) {
  const queue = new Map<string, OrderChanged>();
  let draining = false;

  /** One `_id $in` read per batch: an index lookup per id on any MongoDB. */
  async function read(ids: string[]): Promise<Stored<OrderView>[]> {
    return models.orders.find({ _id: { $in: ids } }).toArray();
  }

  async function drain(): Promise<void> {
    while (queue.size > 0) {
      const batch = [...queue.values()].slice(0, MAX_BATCH);
      for (const notice of batch) queue.delete(notice.orderId);
      const byId = new Map(
        (await read(batch.map((notice) => notice.orderId))).map((doc) => [doc._id, doc]),
      );
      for (const notice of batch) {
        const doc = byId.get(notice.orderId);
        // The room comes from the stored order, never from the notice alone: no push to the wrong user.
        if (doc && doc.userId === notice.userId) push(doc, notice);
      }
    }
  }

  function kick(): void {
    if (draining || queue.size === 0) return;
    draining = true;
    drain()
      .catch(onError) // that batch is lost (logged); the notices behind it still go out
      .finally(() => {
        draining = false;
        kick();
      });
  }

  return {
    offer(notice: OrderChanged): void {
      queue.delete(notice.orderId); // re-insert: the newest notice of an order goes to the back
      queue.set(notice.orderId, notice);
      kick();
    },
  };
}

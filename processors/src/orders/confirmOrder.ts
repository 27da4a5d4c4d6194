import type { JetStreamClient } from '@nats-io/jetstream';
import { newEvent, type OrderPlaced, type ShopNaming } from '@scalemart/contracts';
import { publishFromOutbox, type WriteModel } from '@scalemart/runtime/writeModel';
import { inNextTurn } from '../consumer/nextTurn.js';
import { derivedUuid } from '../ids.js';
import type { PaymentGateway } from './paymentGateway.js';

export interface ConfirmDeps {
  js: JetStreamClient;
  naming: ShopNaming;
  store: WriteModel;
  gateway: PaymentGateway;
}

export type ConfirmOutcome = 'confirmed' | 'rejected';

/**
 * Payments in flight per instance. A payment waits on the gateway, not on a core, so the bound is
 * memory, not CPU: by Little's law 3,000 orders/s at the gateway's slowest 450 ms keep 1,350 in
 * flight, and a lower bound would queue confirmations behind it.
 */
export const PAYMENT_CONCURRENCY = 2_000;

/**
 * Pays for one placed order and publishes the outcome. Everything is keyed by the orderId, so a
 * redelivered OrderPlaced repeats nothing visible: the gateway answers the same, the outcome event
 * has the same id (the stream drops the copy) and the stock release is refused as `already`.
 * Resolves only once every event is acknowledged by JetStream; the caller acks after that.
 */
export async function confirmOrder(
  deps: ConfirmDeps,
  placed: OrderPlaced,
): Promise<ConfirmOutcome> {
  const { orderId, userId, productId, quantity, totalCents } = placed.data;
  const context = (type: string) => ({
    id: derivedUuid(orderId, type),
    aggregateId: orderId,
    correlationId: placed.correlationId,
    causationId: placed.id,
  });
  const payment = await deps.gateway.charge({ orderId, amountCents: totalCents });
  if (payment.status === 'paid') {
    const confirmed = newEvent(
      'OrderConfirmed',
      1,
      { orderId, userId, productId, quantity, totalCents, paymentId: payment.paymentId },
      context('OrderConfirmed'),
    );
    await publish(deps, confirmed.type, orderId, confirmed);
    return 'confirmed';
  }
  // The unit goes back before the rejection is told: a shopper who sees "rejected" can buy again.
  const template = newEvent(
    'StockReleased',
    1,
    { productId, orderId, userId, quantity, available: 0, stockVersion: 0 },
    { ...context('StockReleased'), aggregateId: productId },
  );
  const released = await deps.store.release(template);
  if (released.status === 'released') {
    await inNextTurn(() => publishFromOutbox(deps, productId, released.eventJson));
  }
  // `already`: released before this delivery; if that publish was lost, the outbox relay resends it.
  const rejected = newEvent(
    'OrderRejected',
    1,
    { orderId, userId, productId, quantity, reason: 'payment_declined' },
    context('OrderRejected'),
  );
  await publish(deps, rejected.type, orderId, rejected);
  return 'rejected';
}

async function publish(
  deps: ConfirmDeps,
  type: 'OrderConfirmed' | 'OrderRejected',
  orderId: string,
  event: object & { id: string },
) {
  const json = JSON.stringify(event);
  await inNextTurn(() =>
    deps.js.publish(deps.naming.subjectFor(type, orderId), json, { msgID: event.id }),
  );
}

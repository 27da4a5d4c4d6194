import { newEvent, type ShopEvent } from '@scalemart/contracts';
import { randomUUID } from 'node:crypto';

const ctx = (aggregateId: string, at: Date) => ({
  aggregateId,
  correlationId: 'test',
  causationId: 'test',
  occurredAt: at,
});

/**
 * A consistent history of `products` products and `orders` orders (each confirmed or rejected, a
 * rejection releasing its unit), with restocks: the stock versions count up as Redis would.
 */
export function mixedHistory(options: {
  products: number;
  orders: number;
  start?: Date;
}): ShopEvent[] {
  const start = options.start?.getTime() ?? Date.parse('2026-01-01T10:00:00Z');
  const at = (i: number) => new Date(start + i * 250);
  let tick = 0;
  const events: ShopEvent[] = [];
  const stock = new Map<string, { available: number; version: number }>();
  for (let p = 0; p < options.products; p += 1) {
    const productId = `p${p}`;
    const initialStock = Math.ceil(options.orders / options.products) + 5;
    stock.set(productId, { available: initialStock, version: 1 });
    events.push(
      newEvent(
        'ProductCreated',
        1,
        {
          productId,
          name: `Product ${p}`,
          description: 'd',
          priceCents: 1_000 + p,
          currency: 'EUR',
          initialStock,
          stockVersion: 1,
        },
        ctx(productId, at(tick++)),
      ),
    );
    events.push(
      newEvent(
        'SaleScheduled',
        1,
        {
          productId,
          startsAt: at(0).toISOString(),
          endsAt: new Date(start + 3_600_000).toISOString(),
          perUserLimit: 5,
          salePriceCents: 900 + p,
        },
        ctx(productId, at(tick++)),
      ),
    );
  }
  for (let o = 0; o < options.orders; o += 1) {
    const productId = `p${o % options.products}`;
    const s = stock.get(productId)!;
    const orderId = randomUUID();
    const userId = `u${o % 37}`;
    const quantity = 1 + (o % 2);
    if (s.available < quantity) {
      s.available += 10;
      s.version += 1;
      events.push(
        newEvent(
          'StockReplenished',
          1,
          { productId, quantity: 10, available: s.available, stockVersion: s.version },
          ctx(productId, at(tick++)),
        ),
      );
    }
    s.available -= quantity;
    s.version += 1;
    const line = { orderId, userId, productId, quantity };
    events.push(
      newEvent(
        'OrderPlaced',
        2,
        {
          ...line,
          unitPriceCents: 900,
          totalCents: 900 * quantity,
          currency: 'EUR',
          stockVersion: s.version,
          availableAfter: s.available,
        },
        { ...ctx(orderId, at(tick++)), id: orderId },
      ),
    );
    if (o % 5 === 0) {
      s.available += quantity;
      s.version += 1;
      events.push(
        newEvent(
          'StockReleased',
          1,
          { ...line, available: s.available, stockVersion: s.version },
          ctx(productId, at(tick++)),
        ),
      );
      events.push(
        newEvent(
          'OrderRejected',
          1,
          { ...line, reason: 'payment_declined' },
          ctx(orderId, at(tick++)),
        ),
      );
    } else {
      events.push(
        newEvent(
          'OrderConfirmed',
          1,
          { ...line, totalCents: 900 * quantity, paymentId: `pay${o}` },
          ctx(orderId, at(tick++)),
        ),
      );
    }
  }
  return events;
}

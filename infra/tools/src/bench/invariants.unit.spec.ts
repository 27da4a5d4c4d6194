import { newEvent, type ShopEvent } from '@scalemart/contracts';
import { checkInvariants, type InvariantInput } from './invariants.js';
import { foldEvents } from './streamFacts.js';

const ctx = { aggregateId: 'p-1', correlationId: 'c', causationId: 'c' };
const P = 'p-1';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function sale(
  units: number,
  orders: { n: number; user: string; outcome: 'confirmed' | 'rejected' | 'pending' }[],
): ShopEvent[] {
  const events: unknown[] = [
    newEvent(
      'ProductCreated',
      1,
      {
        productId: P,
        name: 'x',
        description: '',
        priceCents: 100,
        currency: 'EUR',
        initialStock: units,
        stockVersion: 1,
      },
      ctx,
    ),
    newEvent(
      'SaleScheduled',
      1,
      {
        productId: P,
        startsAt: '2026-01-01T00:00:00Z',
        endsAt: '2026-01-02T00:00:00Z',
        perUserLimit: 1,
        salePriceCents: 50,
      },
      ctx,
    ),
  ];
  for (const { n, user, outcome } of orders) {
    const line = { orderId: uuid(n), userId: user, productId: P, quantity: 1 };
    events.push(
      newEvent(
        'OrderPlaced',
        2,
        {
          ...line,
          unitPriceCents: 50,
          totalCents: 50,
          currency: 'EUR',
          stockVersion: n + 1,
          availableAfter: 0,
        },
        ctx,
      ),
    );
    if (outcome === 'confirmed')
      events.push(
        newEvent('OrderConfirmed', 1, { ...line, totalCents: 50, paymentId: 'pay' }, ctx),
      );
    if (outcome === 'rejected') {
      events.push(newEvent('OrderRejected', 1, { ...line, reason: 'payment_declined' }, ctx));
      events.push(
        newEvent(
          'StockReleased',
          1,
          {
            productId: P,
            orderId: line.orderId,
            userId: user,
            quantity: 1,
            available: 1,
            stockVersion: 99,
          },
          ctx,
        ),
      );
    }
  }
  return events as ShopEvent[];
}

function input(
  events: ShopEvent[],
  available: number,
  overrides: Partial<InvariantInput> = {},
): InvariantInput {
  const facts = { ...foldEvents(events), undecodable: 0, timeline: new Map() };
  const readOrders = [...facts.orders.values()].map((o) => ({
    _id: o.orderId,
    userId: o.userId,
    productId: o.productId,
    quantity: o.quantity,
    totalCents: o.totalCents,
    status: o.status,
  }));
  const p = facts.products.get(P)!;
  return {
    facts,
    acceptedOrderIds: [...facts.orders.keys()],
    redis: new Map([[P, { available, buyers: {}, outbox: [] }]]),
    readOrders,
    readProducts: [
      {
        _id: P,
        initialStock: p.initialStock,
        restocked: 0,
        available,
        pending: 0,
        sold: p.confirmedUnits,
      },
    ],
    ...overrides,
  };
}

describe('checkInvariants', () => {
  const events = sale(2, [
    { n: 1, user: 'a', outcome: 'confirmed' },
    { n: 2, user: 'b', outcome: 'rejected' },
    { n: 3, user: 'c', outcome: 'confirmed' },
  ]);

  it('is green when the stream, Redis and the read models agree', () => {
    const report = checkInvariants(input(events, 0));
    expect(report.problems).toEqual([]);
    expect(Object.values(report.invariants).every(Boolean)).toBe(true);
  });

  it('sees an oversell: more units promised than existed', () => {
    const oversold = sale(1, [
      { n: 1, user: 'a', outcome: 'confirmed' },
      { n: 2, user: 'b', outcome: 'confirmed' },
    ]);
    const report = checkInvariants(input(oversold, 0));
    expect(report.invariants.neverOversold).toBe(false);
    expect(report.oversold).toBe(1);
  });

  it('sees a 202 that never reached the stream, and one missing from the read model', () => {
    const base = input(events, 0);
    const report = checkInvariants({
      ...base,
      acceptedOrderIds: [...base.acceptedOrderIds, uuid(9)],
      readOrders: base.readOrders.slice(1),
    });
    expect(report.invariants.nothingLost).toBe(false);
    expect(report.lost).toBe(1); // never reached the stream
    expect(report.unprojected).toBe(1); // in the stream, not in the read model
    expect(report.invariants.readModelsEqualReplay).toBe(false);
  });

  it('sees a buyer over the per-user limit and a Redis balance that does not add up', () => {
    const greedy = sale(5, [
      { n: 1, user: 'a', outcome: 'confirmed' },
      { n: 2, user: 'a', outcome: 'confirmed' },
    ]);
    const report = checkInvariants(input(greedy, 2));
    expect(report.invariants.perUserLimitHeld).toBe(false);
    expect(report.invariants.neverOversold).toBe(false); // 5 != 2 available + 2 confirmed
  });
});

import { newEvent } from '../newEvent.js';
import { decodeEvent, decodeEventJson, EventDecodeError, LEGACY_CURRENCY } from './upcast.js';
import { SHOP_EVENT_TYPES, ShopEvent } from './shopEvent.js';
import type { OrderPlacedV1 } from './orderEvents.js';

const context = { aggregateId: 'o1', correlationId: 'req-1', causationId: 'req-1' };
const orderId = '6f1c2b9e-4a7d-4c8e-9b1a-2f3e4d5c6b7a';
const line = { orderId, userId: 'u-1', productId: 'p-1', quantity: 2 };

const valid: ShopEvent[] = [
  newEvent(
    'ProductCreated',
    1,
    {
      productId: 'p-1',
      name: 'Lamp',
      description: '',
      priceCents: 4999,
      currency: 'EUR',
      initialStock: 100,
      stockVersion: 1,
    },
    context,
  ),
  newEvent(
    'SaleScheduled',
    1,
    {
      productId: 'p-1',
      startsAt: '2026-01-01T10:00:00.000Z',
      endsAt: '2026-01-01T11:00:00.000Z',
      perUserLimit: 2,
      salePriceCents: 2999,
    },
    context,
  ),
  newEvent(
    'SaleEnded',
    1,
    { productId: 'p-1', endedAt: '2026-01-01T10:30:00.000Z', reason: 'ended_early' },
    context,
  ),
  newEvent(
    'StockReplenished',
    1,
    { productId: 'p-1', quantity: 10, available: 10, stockVersion: 7 },
    context,
  ),
  newEvent(
    'StockReleased',
    1,
    { productId: 'p-1', orderId, userId: 'u-1', quantity: 2, available: 12, stockVersion: 8 },
    context,
  ),
  newEvent(
    'OrderPlaced',
    2,
    {
      ...line,
      unitPriceCents: 2999,
      totalCents: 5998,
      currency: 'EUR',
      stockVersion: 3,
      availableAfter: 98,
    },
    context,
  ),
  newEvent('OrderConfirmed', 1, { ...line, totalCents: 5998, paymentId: 'pay-1' }, context),
  newEvent('OrderRejected', 1, { ...line, reason: 'payment_declined' }, context),
];

describe('events', () => {
  it('has a valid example of every event type', () => {
    expect(new Set(valid.map((event) => event.type))).toEqual(new Set(SHOP_EVENT_TYPES));
  });

  it.each(valid.map((event) => [event.type, event] as const))(
    '%s survives a JSON round trip',
    (_type, event) => {
      expect(decodeEventJson(JSON.stringify(event))).toEqual(event);
    },
  );

  it.each([
    ['an unknown type', { ...valid[0], type: 'ProductExploded' }],
    ['an unknown version', { ...valid[0], version: 9 }],
    ['a missing correlation id', { ...valid[0], correlationId: undefined }],
    ['a negative quantity', { ...valid[5], data: { ...valid[5]!.data, quantity: -1 } }],
    ['a float price', { ...valid[5], data: { ...valid[5]!.data, unitPriceCents: 29.99 } }],
    [
      'a product id that would break a subject',
      { ...valid[0], data: { ...valid[0]!.data, productId: 'p.>' } },
    ],
    ['a bad timestamp', { ...valid[1], occurredAt: 'yesterday' }],
  ])('refuses %s', (_label, raw) => {
    expect(() => decodeEvent(raw)).toThrow(EventDecodeError);
  });

  it('refuses a body that is not JSON, keeping the cause', () => {
    const error = (() => {
      try {
        decodeEventJson('{nope');
      } catch (caught) {
        return caught as EventDecodeError;
      }
      throw new Error('expected a throw');
    })();
    expect(error).toBeInstanceOf(EventDecodeError);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('upcasts OrderPlaced v1 to v2 with a currency and a total', () => {
    const v1: OrderPlacedV1 = {
      ...valid[5]!,
      type: 'OrderPlaced',
      version: 1,
      data: { ...line, unitPriceCents: 1500, stockVersion: 4, availableAfter: 10 },
    };
    const upcast = decodeEvent(JSON.parse(JSON.stringify(v1)));
    expect(upcast).toMatchObject({
      type: 'OrderPlaced',
      version: 2,
      id: v1.id,
      data: { currency: LEGACY_CURRENCY, totalCents: 3000, unitPriceCents: 1500, quantity: 2 },
    });
  });

  it('refuses a v1 OrderPlaced that misses its fields', () => {
    expect(() => decodeEvent({ ...valid[5], version: 1, data: { orderId } })).toThrow(
      EventDecodeError,
    );
  });
});

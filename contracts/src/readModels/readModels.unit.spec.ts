import {
  ChangeNotice,
  ERROR_STATUS,
  isLowStock,
  ListOrdersQuery,
  OrderView,
  ProblemDetails,
  ProductView,
  saleState,
  StatsQuery,
} from '../index.js';

const sale = {
  startsAt: '2026-01-01T10:00:00.000Z',
  endsAt: '2026-01-01T11:00:00.000Z',
  perUserLimit: 1,
  salePriceCents: 100,
  endedAt: null,
};

describe('read models', () => {
  const product: ProductView = {
    productId: 'p-1',
    name: 'Lamp',
    description: '',
    priceCents: 200,
    currency: 'EUR',
    sale,
    initialStock: 100,
    restocked: 0,
    available: 90,
    pending: 5,
    sold: 5,
    lowStock: false,
    soldOutAt: null,
    stockVersion: 11,
    updatedAt: '2026-01-01T10:01:00.000Z',
  };

  it('round-trips a product view through JSON', () => {
    expect(ProductView.parse(JSON.parse(JSON.stringify(product)))).toEqual(product);
  });

  it('refuses negative stock in a product view', () => {
    expect(ProductView.safeParse({ ...product, available: -1 }).success).toBe(false);
  });

  it('round-trips an order view and refuses an unknown status', () => {
    const order: OrderView = {
      orderId: '6f1c2b9e-4a7d-4c8e-9b1a-2f3e4d5c6b7a',
      userId: 'u-1',
      productId: 'p-1',
      quantity: 1,
      unitPriceCents: 100,
      totalCents: 100,
      currency: 'EUR',
      status: 'pending',
      history: [{ status: 'pending', at: '2026-01-01T10:01:00.000Z' }],
      placedAt: '2026-01-01T10:01:00.000Z',
      updatedAt: '2026-01-01T10:01:00.000Z',
    };
    expect(OrderView.parse(JSON.parse(JSON.stringify(order)))).toEqual(order);
    expect(OrderView.safeParse({ ...order, status: 'shipped' }).success).toBe(false);
  });

  it('coerces and bounds query parameters', () => {
    expect(ListOrdersQuery.parse({ limit: '5' })).toEqual({ limit: 5 });
    expect(ListOrdersQuery.safeParse({ limit: '500' }).success).toBe(false);
    expect(ListOrdersQuery.safeParse({ limit: 'ten' }).success).toBe(false);
    expect(StatsQuery.parse({})).toEqual({ windowMinutes: 60 });
  });

  it('tells the sale state', () => {
    expect(saleState(null)).toBe('none');
    expect(saleState(sale, new Date('2026-01-01T09:59:59Z'))).toBe('scheduled');
    expect(saleState(sale, new Date('2026-01-01T10:00:00Z'))).toBe('live');
    expect(saleState(sale, new Date('2026-01-01T11:00:00Z'))).toBe('ended');
    expect(
      saleState({ ...sale, endedAt: '2026-01-01T10:10:00Z' }, new Date('2026-01-01T10:20:00Z')),
    ).toBe('ended');
  });

  it('flags low stock at a tenth of all stock', () => {
    expect(isLowStock(10, 100)).toBe(true);
    expect(isLowStock(11, 100)).toBe(false);
    expect(isLowStock(0, 0)).toBe(false);
  });
});

describe('notices and problems', () => {
  it('discriminates change notices by kind', () => {
    const notice = ChangeNotice.parse({
      kind: 'order',
      orderId: '6f1c2b9e-4a7d-4c8e-9b1a-2f3e4d5c6b7a',
      userId: 'u-1',
      productId: 'p-1',
      status: 'confirmed',
      eventAt: '2026-01-01T10:01:00.000Z',
    });
    expect(notice.kind).toBe('order');
    expect(ChangeNotice.safeParse({ kind: 'order', orderId: 'x' }).success).toBe(false);
  });

  it('maps every error code to a 4xx or 5xx status', () => {
    for (const status of Object.values(ERROR_STATUS)) expect(status).toBeGreaterThanOrEqual(400);
    expect(ERROR_STATUS.sold_out).toBe(409);
    expect(ERROR_STATUS.sale_not_open).toBe(403);
  });

  it('validates a problem document', () => {
    expect(
      ProblemDetails.safeParse({
        type: 'about:blank',
        title: 'Sold out',
        status: 409,
        code: 'sold_out',
      }).success,
    ).toBe(true);
    expect(
      ProblemDetails.safeParse({ type: 'about:blank', title: 'x', status: 409, code: 'nope' })
        .success,
    ).toBe(false);
  });
});

import { shopNaming } from './subjects.js';

describe('shopNaming', () => {
  it('gives the production names without a namespace', () => {
    const naming = shopNaming();
    expect(naming.stream).toBe('SHOP');
    expect(naming.subjectFor('OrderPlaced', 'o1')).toBe('shop.order.placed.o1');
    expect(naming.subjectFor('StockReplenished', 'p1')).toBe('shop.product.restocked.p1');
    expect(naming.filterFor('OrderConfirmed')).toBe('shop.order.confirmed.*');
    expect(naming.streamSubjects).toEqual(['shop.product.>', 'shop.order.>']);
  });

  it('keeps namespaces apart', () => {
    const naming = shopNaming('t42');
    expect(naming.stream).toBe('SHOP_T42');
    expect(naming.subjectFor('OrderPlaced', 'o1')).toBe('t42.shop.order.placed.o1');
    expect(naming.notice('product', 'p1')).toBe('t42.shop.notice.product.p1');
    expect(naming.allNotices).toBe('t42.shop.notice.>');
  });

  it('publishes a product notice under its product and an order notice under its shopper', () => {
    const naming = shopNaming('t42');
    const at = '2026-11-30T12:00:00.000Z';
    expect(
      naming.subjectOfNotice({
        kind: 'product',
        productId: 'p1',
        available: 1,
        pending: 0,
        sold: 0,
        stockVersion: 1,
        eventAt: at,
      }),
    ).toBe('t42.shop.notice.product.p1');
    expect(
      naming.subjectOfNotice({
        kind: 'order',
        orderId: 'o1',
        userId: 'u1',
        productId: 'p1',
        status: 'confirmed',
        eventAt: at,
      }),
    ).toBe('t42.shop.notice.order.u1');
    expect(naming.subjectOfNotice({ kind: 'sales', minute: at, eventAt: at })).toBe(
      't42.shop.notice.sales',
    );
  });

  it('keeps change notices out of the stream', () => {
    const naming = shopNaming();
    const captured = (subject: string) =>
      naming.streamSubjects.some((filter) => subject.startsWith(filter.slice(0, -1)));
    expect(captured(naming.subjectFor('OrderPlaced', 'x'))).toBe(true);
    expect(captured(naming.notice('order', 'u1'))).toBe(false);
  });

  it.each(['Upper', 'a.b', 'a b', '>', 'x'.repeat(33)])('refuses the namespace %p', (namespace) => {
    expect(() => shopNaming(namespace)).toThrow(/namespace/);
  });
});

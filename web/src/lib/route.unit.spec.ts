import { productHref, routeFromHash } from './route.js';

describe('routeFromHash', () => {
  it('reads the views of the navigation', () => {
    expect(routeFromHash('#/orders')).toEqual({ view: 'orders' });
    expect(routeFromHash('#/admin')).toEqual({ view: 'admin' });
    expect(routeFromHash('#/shop')).toEqual({ view: 'shop' });
    expect(routeFromHash('')).toEqual({ view: 'shop' });
  });

  it('reads a product link, and round-trips ids that need escaping', () => {
    expect(routeFromHash('#/p/lamp-1')).toEqual({ view: 'product', productId: 'lamp-1' });
    expect(routeFromHash('#/p/lamp-1/')).toEqual({ view: 'product', productId: 'lamp-1' });
    expect(routeFromHash(productHref('a b/ü'))).toEqual({ view: 'product', productId: 'a b/ü' });
  });

  it('sends anything else to the shop', () => {
    expect(routeFromHash('#/nowhere')).toEqual({ view: 'shop' });
    expect(routeFromHash('#/p/')).toEqual({ view: 'shop' });
    expect(routeFromHash('#/p/%E0%A4%A')).toEqual({ view: 'shop' });
  });
});

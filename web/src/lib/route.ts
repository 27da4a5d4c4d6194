/** The app's hash routes: `#/shop`, `#/orders`, `#/admin`, and `#/p/<productId>` (shareable). */
export type Route =
  | { view: 'shop' }
  | { view: 'orders' }
  | { view: 'admin' }
  | { view: 'product'; productId: string };

/** The link to one product's page. */
export const productHref = (productId: string): string => `#/p/${encodeURIComponent(productId)}`;

/** Reads a location hash; anything unknown is the shop, so a stale link still lands somewhere useful. */
export function routeFromHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  if (path === 'orders' || path === 'admin') return { view: path };
  const product = /^p\/([^/]+)\/?$/.exec(path);
  if (product) {
    try {
      return { view: 'product', productId: decodeURIComponent(product[1]!) };
    } catch {
      return { view: 'shop' }; // a malformed escape in a pasted link
    }
  }
  return { view: 'shop' };
}

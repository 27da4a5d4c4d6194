import { saleState, type ProductView } from '@scalemart/contracts';

/** Where a product stands on the shop: what a shopper can buy first, what comes next, what is gone. */
export type Shelf = 'live' | 'upcoming' | 'sold-out';

export interface Shelves {
  live: ProductView[];
  upcoming: ProductView[];
  soldOut: ProductView[];
}

/**
 * The shelf of one product at `now`, or null when it is not on the shop: its sale ended (or was
 * ended early), or it was never put on sale. A shopper's own orders still name such products.
 */
export function shelfOf(product: ProductView, now: Date): Shelf | null {
  const state = saleState(product.sale, now);
  if (state === 'ended' || state === 'none') return null;
  if (product.available === 0) return 'sold-out';
  return state === 'live' ? 'live' : 'upcoming';
}

const at = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.POSITIVE_INFINITY);
const byName = (a: ProductView, b: ProductView) =>
  a.name.localeCompare(b.name) || a.productId.localeCompare(b.productId);

/**
 * The shop's order: live sales, soonest ending first (the last chance comes first); upcoming
 * sales, soonest starting first; then sold out, most recently sold out first. Ties by name, so
 * the order never flickers between renders.
 */
export function shelve(products: readonly ProductView[], now: Date): Shelves {
  const shelves: Shelves = { live: [], upcoming: [], soldOut: [] };
  for (const product of products) {
    const shelf = shelfOf(product, now);
    if (shelf === 'live') shelves.live.push(product);
    else if (shelf === 'upcoming') shelves.upcoming.push(product);
    else if (shelf === 'sold-out') shelves.soldOut.push(product);
  }
  shelves.live.sort((a, b) => at(a.sale?.endsAt) - at(b.sale?.endsAt) || byName(a, b));
  shelves.upcoming.sort((a, b) => at(a.sale?.startsAt) - at(b.sale?.startsAt) || byName(a, b));
  shelves.soldOut.sort((a, b) => at(b.soldOutAt) - at(a.soldOutAt) || byName(a, b));
  return shelves;
}

import type { ProductView } from '@scalemart/contracts';

const MINUTE = 60_000;

/** A product whose sale runs from `startsIn` to `endsIn` minutes around `now`. */
export function productOnSale(
  productId: string,
  now: Date,
  window: { startsIn: number; endsIn: number },
  extra: Partial<ProductView> = {},
): ProductView {
  const at = (minutes: number) => new Date(now.getTime() + minutes * MINUTE).toISOString();
  return {
    productId,
    name: productId,
    description: '',
    priceCents: 4000,
    currency: 'EUR',
    sale: {
      startsAt: at(window.startsIn),
      endsAt: at(window.endsIn),
      perUserLimit: 2,
      salePriceCents: 3000,
      endedAt: null,
    },
    initialStock: 10,
    restocked: 0,
    available: 10,
    pending: 0,
    sold: 0,
    lowStock: false,
    soldOutAt: null,
    stockVersion: 1,
    updatedAt: now.toISOString(),
    ...extra,
  };
}

/**
 * Redis keys of the write side. Every key of one product carries the hash tag `{p:<id>}`, so one
 * Lua script touches a single slot and stays valid on Redis Cluster. A deployment's key prefix
 * (ioredis `keyPrefix`) goes in front and leaves the hash tag intact.
 */
export const stockKeys = (productId: string) => {
  const tag = `{p:${productId}}`;
  return {
    /** hash: name, priceCents, currency, salePriceCents, startsAtMs, endsAtMs, endedAtMs, perUserLimit */
    product: `product:${tag}`,
    /** integer: units available to reserve */
    stock: `stock:${tag}`,
    /** integer: bumped by every stock change; orders stock facts that arrive out of order */
    version: `stockver:${tag}`,
    /** hash: userId -> units held (pending + confirmed), for the per-user limit */
    buyers: `buyers:${tag}`,
    /** set: orderIds whose units went back to stock (a release happens at most once) */
    released: `released:${tag}`,
    /** hash: eventId -> event JSON not yet acknowledged by JetStream */
    outbox: `outbox:${tag}`,
    /** sorted set: eventId scored by the time it entered the outbox (ms) */
    outboxAt: `outboxat:${tag}`,
    /** prefix of idempotency records: `<prefix><userId>:<key>` -> first answer */
    idempotency: `idem:${tag}:`,
  };
};

/** set of every product id: where the outbox relay starts its scan. */
export const PRODUCTS_KEY = 'products';

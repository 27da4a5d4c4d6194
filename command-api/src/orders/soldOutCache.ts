/**
 * Remembers, per product, the smallest quantity Redis refused as sold out, so that after a
 * sell-out the flood of further attempts is answered from memory without a Redis round trip.
 *
 * Correct because, between two stock increases, stock only goes down: if `q` units were not
 * available, no quantity >= q is. Every stock increase (restock, released unit) and every sale
 * change is a product event; the app forgets the product when it sees one (`forget`), and an
 * entry also expires after `ttlMs` in case a notice was missed (e.g. while NATS reconnected).
 *
 * A generation per product guards the race where a refusal computed *before* a restock lands
 * *after* the restock's notice: the caller takes a ticket before asking Redis, and a refusal
 * is only remembered if no notice arrived since.
 *
 * An expired entry is re-checked by one request, not by the whole flood: the first caller after
 * the ttl asks Redis, the others keep the remembered answer until its verdict comes back (a
 * refusal renews the entry, a reservation drops it: `stockSeen`), for at most `ttlMs / 2`. The
 * expiry only guards against a missed notice, so this widens that guard's window by half;
 * every notice still ends the entry at once. Without it, each expiry sent every request then
 * in flight (a connection's worth per instance) to Redis, at many times a remembered refusal's
 * cost.
 */
export class SoldOutCache {
  readonly #entries = new Map<string, SoldOutEntry>();
  readonly #generations = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when `quantity` units of the product are known to be unavailable. */
  isSoldOut(productId: string, quantity: number): boolean {
    const entry = this.#entries.get(productId);
    if (!entry) return false;
    const now = this.now();
    if (entry.expiresAt > now) return quantity >= entry.minQuantity;
    if (entry.recheckUntil === undefined) {
      entry.recheckUntil = now + this.ttlMs / 2; // this caller is the one that asks Redis
      return false;
    }
    if (entry.recheckUntil > now) return quantity >= entry.minQuantity;
    this.#entries.delete(productId); // no verdict in time: everyone asks Redis again
    return false;
  }

  /** Taken before asking Redis; handed back to `remember`. */
  ticket(productId: string): number {
    return this.#generations.get(productId) ?? 0;
  }

  remember(productId: string, quantity: number, ticket: number): void {
    if (this.ttlMs === 0 || this.ticket(productId) !== ticket) return;
    const entry = this.#entries.get(productId);
    const minQuantity =
      entry && entry.expiresAt > this.now() ? Math.min(entry.minQuantity, quantity) : quantity;
    this.#entries.set(productId, { minQuantity, expiresAt: this.now() + this.ttlMs });
  }

  /**
   * Redis just reserved units of the product, so a remembered sell-out (kept past its ttl while
   * being re-checked) was wrong: drop it. No generation bump: a concurrent refusal of a larger
   * quantity is still exact, stock only went down.
   */
  stockSeen(productId: string): void {
    this.#entries.delete(productId);
  }

  /** Stock or sale changed: ask Redis again. */
  forget(productId: string): void {
    this.#entries.delete(productId);
    this.#generations.set(productId, this.ticket(productId) + 1);
  }
}

interface SoldOutEntry {
  minQuantity: number;
  expiresAt: number;
  /** Set when the entry expired and one request went to re-check it with Redis. */
  recheckUntil?: number;
}

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
 */
export class SoldOutCache {
  readonly #entries = new Map<string, { minQuantity: number; expiresAt: number }>();
  readonly #generations = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when `quantity` units of the product are known to be unavailable. */
  isSoldOut(productId: string, quantity: number): boolean {
    const entry = this.#entries.get(productId);
    if (!entry) return false;
    if (entry.expiresAt <= this.now()) {
      this.#entries.delete(productId);
      return false;
    }
    return quantity >= entry.minQuantity;
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

  /** Stock or sale changed: ask Redis again. */
  forget(productId: string): void {
    this.#entries.delete(productId);
    this.#generations.set(productId, this.ticket(productId) + 1);
  }
}

/** Anything that shows a product's stock at one stock version: an event, a notice, a push, a view. */
export interface StockReading {
  stockVersion: number;
}

export interface StockTieRule {
  /**
   * Who wins at equal versions (same `available`; only `pending`/`sold` can differ, since an
   * order's confirmation moves them without a new stock version). `held` (default): a tie is a
   * repeat. `incoming`: a client that receives one socket's messages in order takes the later one.
   */
  tieGoesTo?: 'held' | 'incoming';
}

/**
 * "Newest stockVersion wins": whether `incoming` should replace the stock `held` shows. Redis
 * gives each stock change of a product the next version, but two command-apis may publish them
 * out of order, so arrival order says nothing and the version says everything.
 */
export function replacesStock(
  incoming: StockReading,
  held: StockReading,
  { tieGoesTo = 'held' }: StockTieRule = {},
): boolean {
  if (incoming.stockVersion === held.stockVersion) return tieGoesTo === 'incoming';
  return incoming.stockVersion > held.stockVersion;
}

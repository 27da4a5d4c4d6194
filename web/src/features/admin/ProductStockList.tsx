import { useState } from 'react';
import { saleState, type ProductView } from '@scalemart/contracts';
import { StockBurnDown } from './StockBurnDown.js';

export interface ProductStockListProps {
  products: ProductView[] | null;
  /** When `products` arrived (useProducts' `receivedAt`): the time of the burn-down's points. */
  receivedAt: number;
  error: string | null;
  now: Date;
}

/** The products' stock burn-down, all of them or only the sales that are live right now. */
export function ProductStockList({ products, receivedAt, error, now }: ProductStockListProps) {
  const [liveOnly, setLiveOnly] = useState(false);
  const shown = products?.filter((p) => !liveOnly || saleState(p.sale, now) === 'live') ?? null;
  return (
    <section aria-labelledby="stock-title">
      <div className="list-head">
        <h3 id="stock-title">Stock burn-down</h3>
        <label className="toggle">
          <input
            type="checkbox"
            checked={liveOnly}
            onChange={(event) => setLiveOnly(event.target.checked)}
          />
          Live sales only
        </label>
      </div>
      {error && <p role="alert">{error}</p>}
      {products === null && !error && <p>Loading the products…</p>}
      {products?.length === 0 && <p className="empty">No products yet: create one below.</p>}
      {products && products.length > 0 && shown?.length === 0 && (
        <p className="empty" data-testid="no-live-sale">
          No live sale right now.
        </p>
      )}
      {shown && shown.length > 0 && <StockBurnDown products={shown} receivedAt={receivedAt} />}
    </section>
  );
}

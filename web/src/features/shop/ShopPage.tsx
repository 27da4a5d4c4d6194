import type { ProductView } from '@scalemart/contracts';
import { useNow } from './Countdown.js';
import { ProductCard } from './ProductCard.js';

/** The sale grid. Stock moves live as others buy; the snapshot reloads after every reconnect. */
export interface ShopPageProps {
  products: ProductView[] | null;
  error: string | null;
  token: string | null;
  onPlaced?: (orderId: string) => void;
}

export function ShopPage({ products, error, token, onPlaced }: ShopPageProps) {
  const now = useNow();
  return (
    <section aria-labelledby="shop-title">
      <h2 id="shop-title">Flash sale</h2>
      {error && <p role="alert">{error}</p>}
      {products === null && !error && <p>Loading the sale…</p>}
      {products?.length === 0 && <p>No products yet. Come back soon.</p>}
      <div className="grid">
        {products?.map((product) => (
          <ProductCard
            key={product.productId}
            product={product}
            now={now}
            token={token}
            {...(onPlaced ? { onPlaced } : {})}
          />
        ))}
      </div>
    </section>
  );
}

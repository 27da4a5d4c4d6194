import { saleState, type ProductView } from '@scalemart/contracts';
import { productHref } from '../../lib/route.js';
import { LoadProblem } from '../../lib/LoadProblem.js';
import { StaleNote } from '../../lib/StaleNote.js';
import { useNow } from './Countdown.js';
import { ProductCard } from './ProductCard.js';

export interface ProductPageProps {
  productId: string;
  products: ProductView[] | null;
  error: string | null;
  token: string | null;
  onRetry?: () => void;
  onPlaced?: (orderId: string) => void;
}

const clock = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** When the sale runs, in the shopper's own clock. */
function SaleWindowFacts({ product, now }: { product: ProductView; now: Date }) {
  const sale = product.sale;
  if (!sale) return <p>This product is not on sale.</p>;
  const state = saleState(sale, now);
  return (
    <dl className="facts">
      <dt>Sale starts</dt>
      <dd>
        <time dateTime={sale.startsAt}>{clock(sale.startsAt)}</time>
      </dd>
      <dt>{state === 'ended' ? 'Sale ended' : 'Sale ends'}</dt>
      <dd>
        <time dateTime={sale.endedAt ?? sale.endsAt}>{clock(sale.endedAt ?? sale.endsAt)}</time>
      </dd>
    </dl>
  );
}

/**
 * One product by URL (`#/p/<productId>`), so a sale can be shared. The same live card as the shop
 * (stock and state move without a reload), and it stays reachable after the sale ended.
 */
export function ProductPage({
  productId,
  products,
  error,
  token,
  onRetry,
  onPlaced,
}: ProductPageProps) {
  const now = useNow();
  const product = products?.find((p) => p.productId === productId);
  return (
    <section aria-labelledby="product-title" className="product-page">
      <p>
        <a href="#/shop">← All sales</a>
      </p>
      <h2 id="product-title">{product?.name ?? 'Product'}</h2>
      {error && <LoadProblem error={error} onRetry={onRetry} />}
      {products && <StaleNote what="its stock and sale" />}
      {products === null && !error && <p>Loading the product…</p>}
      {products && !product && (
        <p className="empty" data-testid="unknown-product">
          There is no product “{productId}”. It may have been a mistyped link.
        </p>
      )}
      {product && (
        <div className="product-detail">
          <ProductCard
            product={product}
            now={now}
            token={token}
            {...(onPlaced ? { onPlaced } : {})}
          />
          <div>
            <SaleWindowFacts product={product} now={now} />
            <p className="share">
              Link to share:{' '}
              <a href={productHref(product.productId)}>{shareUrl(product.productId)}</a>
            </p>
          </div>
        </div>
      )}
    </section>
  );
}

const shareUrl = (productId: string) =>
  `${window.location.origin}${window.location.pathname}${productHref(productId)}`;

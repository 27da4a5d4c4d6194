import type { ProductView } from '@scalemart/contracts';
import { LoadProblem } from '../../lib/LoadProblem.js';
import { StaleNote } from '../../lib/StaleNote.js';
import { formatDuration, useNow } from './Countdown.js';
import { ProductCard } from './ProductCard.js';
import { shelve, type Shelf } from './shelves.js';

/** The sale grid. Stock moves live as others buy; the snapshot reloads after every reconnect. */
export interface ShopPageProps {
  products: ProductView[] | null;
  error: string | null;
  token: string | null;
  onPlaced?: (orderId: string) => void;
  /** Tries the product list again (shown with the error). */
  onRetry?: () => void;
  /** The clock, for tests; the page ticks its own once a second otherwise. */
  now?: Date;
}

const TITLES: Record<Shelf, string> = {
  live: 'Live now',
  upcoming: 'Starting soon',
  'sold-out': 'Sold out',
};

interface ShelfProps {
  shelf: Shelf;
  products: ProductView[];
  now: Date;
  token: string | null;
  onPlaced?: ((orderId: string) => void) | undefined;
}

function ShelfSection({ shelf, products, now, token, onPlaced }: ShelfProps) {
  if (products.length === 0) return null;
  return (
    <section aria-labelledby={`shelf-${shelf}-title`} data-testid={`shelf-${shelf}`}>
      <h3 id={`shelf-${shelf}-title`} className="shelf-title">
        {TITLES[shelf]} <span className="shelf-count">({products.length})</span>
      </h3>
      <div className="grid">
        {products.map((product) => (
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

/** What the shop says when nothing can be bought right now. */
function NoLiveSale({ nextStartsAt, now }: { nextStartsAt: string | undefined; now: Date }) {
  return (
    <p className="empty" data-testid="no-live-sale">
      No live sale right now.
      {nextStartsAt
        ? ` The next one starts in ${formatDuration(Date.parse(nextStartsAt) - now.getTime())}.`
        : ' Come back soon.'}
    </p>
  );
}

/**
 * Live sales first (soonest ending first), then upcoming ones with their countdown, then sold out;
 * ended sales are not here. Cards move between shelves as the clock and the live stock move.
 */
export function ShopPage({
  products,
  error,
  token,
  onPlaced,
  onRetry,
  now: fixedNow,
}: ShopPageProps) {
  const ticking = useNow();
  const now = fixedNow ?? ticking;
  const shelves = products ? shelve(products, now) : null;
  const shelfProps = { now, token, onPlaced };
  return (
    <section aria-labelledby="shop-title">
      <h2 id="shop-title">Flash sale</h2>
      {error && <LoadProblem error={error} onRetry={onRetry} />}
      {products && <StaleNote what="stock and sale states" />}
      {products === null && !error && <p>Loading the sale…</p>}
      {shelves && shelves.live.length === 0 && (
        <NoLiveSale nextStartsAt={shelves.upcoming[0]?.sale?.startsAt} now={now} />
      )}
      {shelves && (
        <>
          <ShelfSection shelf="live" products={shelves.live} {...shelfProps} />
          <ShelfSection shelf="upcoming" products={shelves.upcoming} {...shelfProps} />
          <ShelfSection shelf="sold-out" products={shelves.soldOut} {...shelfProps} />
        </>
      )}
    </section>
  );
}

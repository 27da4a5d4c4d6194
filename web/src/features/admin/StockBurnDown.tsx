import { useState } from 'react';
import type { ProductView } from '@scalemart/contracts';

type History = Map<string, { at: number; available: number }[]>;

/**
 * The history plus a point for every product whose stock changed since its last one; the same
 * history (not a copy) when none did.
 */
function record(history: History, products: ProductView[], now: number): History {
  let next: History | undefined;
  for (const product of products) {
    const points = history.get(product.productId) ?? [];
    if (points.at(-1)?.available === product.available) continue;
    next ??= new Map(history);
    next.set(product.productId, [...points, { at: now, available: product.available }].slice(-120));
  }
  return next ?? history;
}

function Sparkline({
  points,
  total,
}: {
  points: { at: number; available: number }[];
  total: number;
}) {
  if (points.length < 2 || total === 0) return null;
  const first = points[0]!.at;
  const span = Math.max(1, points.at(-1)!.at - first);
  const d = points
    .map((p) => `${((p.at - first) / span) * 100},${30 - (p.available / total) * 30}`)
    .join(' ');
  return (
    <svg className="sparkline" viewBox="0 0 100 30" preserveAspectRatio="none" aria-hidden="true">
      <polyline points={d} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

/**
 * Stock burn-down per product: what is left of everything it ever had, and how fast it went.
 * `receivedAt` is when `products` arrived: the time of the points it adds.
 */
export function StockBurnDown({
  products,
  receivedAt,
}: {
  products: ProductView[];
  receivedAt: number;
}) {
  // The history is kept across renders and grows in the render that sees a stock move (React's
  // "storing information from previous renders": state adjusted while rendering).
  const [kept, setKept] = useState<History>(() => record(new Map(), products, receivedAt));
  const history = record(kept, products, receivedAt);
  if (history !== kept) setKept(history);
  return (
    <ul className="burndown">
      {products.map((product) => {
        const total = product.initialStock + product.restocked;
        return (
          <li
            key={product.productId}
            className={product.lowStock ? 'low' : ''}
            data-testid={`burndown-${product.productId}`}
          >
            <span className="burndown-name">{product.name}</span>
            <meter
              min={0}
              max={Math.max(total, 1)}
              value={product.available}
              low={Math.ceil(total * 0.1) + 0.5}
              optimum={total}
              aria-label={`${product.name} stock`}
            />
            <span>
              {product.available}/{total} left · {product.pending} pending · {product.sold} sold
            </span>
            <Sparkline points={history.get(product.productId) ?? []} total={total} />
          </li>
        );
      })}
    </ul>
  );
}

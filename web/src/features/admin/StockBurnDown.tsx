import { useRef } from 'react';
import type { ProductView } from '@scalemart/contracts';

type History = Map<string, { at: number; available: number }[]>;

/** Appends a point whenever a product's stock changed since the last one (kept across renders). */
function record(history: History, products: ProductView[], now: number): History {
  for (const product of products) {
    const points = history.get(product.productId) ?? [];
    if (points.at(-1)?.available !== product.available)
      points.push({ at: now, available: product.available });
    history.set(product.productId, points.slice(-120));
  }
  return history;
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

/** Stock burn-down per product: what is left of everything it ever had, and how fast it went. */
export function StockBurnDown({ products }: { products: ProductView[] }) {
  const history = useRef<History>(new Map());
  record(history.current, products, Date.now());
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
            <Sparkline points={history.current.get(product.productId) ?? []} total={total} />
          </li>
        );
      })}
    </ul>
  );
}

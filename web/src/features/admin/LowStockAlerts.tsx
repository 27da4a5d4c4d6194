import type { ProductView } from '@scalemart/contracts';

/** The products an admin should look at: those running low, and those already sold out. */
export function LowStockAlerts({
  ids,
  products,
}: {
  ids: ReadonlySet<string>;
  products: ProductView[] | null;
}) {
  if (ids.size === 0) return <p>None.</p>;
  const byId = new Map(products?.map((p) => [p.productId, p]));
  return (
    <ul className="alerts" role="list" aria-live="polite">
      {[...ids].map((id) => {
        const product = byId.get(id);
        return (
          <li key={id}>
            {product?.name ?? id} {product?.available === 0 ? 'is sold out' : 'is running low'}
          </li>
        );
      })}
    </ul>
  );
}

import { useCallback, useEffect, useState } from 'react';
import {
  isLowStock,
  ProductPush,
  ProductsSnapshot,
  ProductView,
  replacesStock,
  SOCKET_EVENTS,
  StockPush,
} from '@scalemart/contracts';
import { apiRequest } from '../../lib/api.js';
import { useLive, useSocketEvent } from '../../lib/LiveContext.js';

/** A socket's messages arrive in sending order: at an equal stock version the later one wins. */
const LATER_WINS_TIES = { tieGoesTo: 'incoming' } as const;

/** Applies a stock push unless it is older than what the product already shows. */
export function applyStock(products: ProductView[], push: StockPush): ProductView[] {
  return products.map((product) => {
    if (product.productId !== push.productId || !replacesStock(push, product, LATER_WINS_TIES))
      return product;
    const total = product.initialStock + product.restocked;
    return {
      ...product,
      available: push.available,
      pending: push.pending,
      sold: push.sold,
      stockVersion: push.stockVersion,
      lowStock: isLowStock(push.available, total),
    };
  });
}

/**
 * Applies a whole-product push (a sale scheduled or ended early, a new product): its listing and
 * sale replace what is shown, its stock only if not older than the stock already shown.
 */
export function applyProduct(products: ProductView[], pushed: ProductView): ProductView[] {
  const index = products.findIndex((p) => p.productId === pushed.productId);
  if (index === -1) return [...products, pushed];
  const current = products[index]!;
  const next = replacesStock(pushed, current, LATER_WINS_TIES)
    ? pushed
    : {
        ...pushed,
        available: current.available,
        pending: current.pending,
        sold: current.sold,
        stockVersion: current.stockVersion,
        lowStock: current.lowStock,
        soldOutAt: current.soldOutAt ?? pushed.soldOutAt,
      };
  return products.map((p, i) => (i === index ? next : p));
}

/**
 * The product list: a REST snapshot on every (re)connect, then live stock and product pushes.
 * `receivedAt`: when the list last arrived or moved (the burn-down's clock, read here in the
 * handlers rather than during a render).
 */
export function useProducts() {
  const { epoch } = useLive();
  const [products, setProducts] = useState<ProductView[] | null>(null);
  const [receivedAt, setReceivedAt] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      // GET /api/products answers in the snapshot's shape.
      const { products: fresh } = await apiRequest('/api/products', { schema: ProductsSnapshot });
      setProducts(fresh);
      setReceivedAt(Date.now());
      setError(null);
    } catch {
      setError('Could not load the sale. Retrying when the connection is back.');
    }
  }, []);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- reload sets state only after its await; the rule misses that (https://github.com/react/react/issues/34905)
    void reload();
  }, [epoch, reload]);

  useSocketEvent<unknown>(SOCKET_EVENTS.products, (payload) => {
    const parsed = ProductsSnapshot.safeParse(payload);
    if (!parsed.success) return;
    setProducts(parsed.data.products);
    setReceivedAt(Date.now());
  });
  useSocketEvent<unknown>(SOCKET_EVENTS.product, (payload) => {
    const parsed = ProductPush.safeParse(payload);
    if (!parsed.success) return;
    setProducts((current) => current && applyProduct(current, parsed.data.product));
    setReceivedAt(Date.now());
  });
  useSocketEvent<unknown>(SOCKET_EVENTS.stock, (payload) => {
    const parsed = StockPush.safeParse(payload);
    if (!parsed.success) return;
    setProducts((current) => current && applyStock(current, parsed.data));
    setReceivedAt(Date.now());
  });
  return { products, receivedAt, error, reload };
}

import { isLowStock, replacesStock, type ProductsSnapshot } from '@scalemart/contracts';
import { listProducts } from '../products/productsRoutes.js';
import type { ReadModels } from '../readModels/readModels.js';
import type { StockCoalescer } from './stockCoalescer.js';

/**
 * The snapshot a socket gets on connect. The product list is cached briefly (a reconnect storm of
 * thousands of sockets must not become thousands of Mongo reads), and the stock fields are
 * overlaid with the newest notice seen, so a cached snapshot never shows older stock than a push
 * the socket may already have missed.
 */
export function productsSnapshot(models: ReadModels, coalescer: StockCoalescer, cacheMs = 500) {
  let cached: { at: number; products: ReturnType<typeof listProducts> } | undefined;
  return async (): Promise<ProductsSnapshot> => {
    if (!cached || Date.now() - cached.at > cacheMs) {
      cached = { at: Date.now(), products: listProducts(models) };
      cached.products.catch(() => (cached = undefined));
    }
    const products = (await cached.products).map((product) => {
      const latest = coalescer.latest(product.productId);
      // On a tie the read model stays: it is written before its notice goes out.
      if (!latest || !replacesStock(latest, product)) return product;
      const { available, pending, sold, stockVersion } = latest;
      const lowStock = isLowStock(available, product.initialStock + product.restocked);
      return { ...product, available, pending, sold, stockVersion, lowStock };
    });
    return { products };
  };
}

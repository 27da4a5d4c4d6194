import {
  NoQuery,
  ProductIdParams,
  type ProductsSnapshot,
  type ProductView,
} from '@scalemart/contracts';
import { DomainError, parseWith } from '@scalemart/runtime/service';
import { Router } from 'express';
import { toView, type ReadModels } from '../readModels/readModels.js';

/** Every product, ordered by id (a stable order for lists and snapshots). */
export async function listProducts(models: ReadModels): Promise<ProductView[]> {
  const docs = await models.products.find({}).sort({ _id: 1 }).toArray();
  return docs.map((doc) => toView<ProductView>(doc));
}

/** GET /api/products and GET /api/products/:id — public. */
export function productsRoutes(models: ReadModels): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    parseWith(NoQuery, req.query);
    const body: ProductsSnapshot = { products: await listProducts(models) };
    res.json(body);
  });
  router.get('/:id', async (req, res) => {
    const { id: productId } = parseWith(ProductIdParams, req.params);
    parseWith(NoQuery, req.query);
    const doc = await models.products.findOne({ _id: productId });
    if (!doc) throw new DomainError('unknown_product', 'No such product', { detail: productId });
    res.json(toView<ProductView>(doc));
  });
  return router;
}

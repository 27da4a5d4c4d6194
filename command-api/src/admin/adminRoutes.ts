import { randomUUID } from 'node:crypto';
import {
  CreateProductRequest,
  ProductIdParams,
  RestockRequest,
  ScheduleSaleRequest,
  newEvent,
  type ShopEvent,
} from '@scalemart/contracts';
import { DomainError, parseWith, type AccessTokens } from '@scalemart/runtime/service';
import type { AdminResult, WriteModel } from '@scalemart/runtime/writeModel';
import { Router, type RequestHandler, type Response } from 'express';
import { authenticate } from '../auth/authenticate.js';
import { requestIdOf } from '../http/requestContext.js';
import type { PublishResult } from '../orders/publisher.js';
import type { SoldOutCache } from '../orders/soldOutCache.js';

export interface AdminRoutesDeps {
  tokens: AccessTokens;
  store: WriteModel;
  soldOut: SoldOutCache;
  json: RequestHandler;
  publish: (productId: string, eventJson: string, type: string) => Promise<PublishResult>;
}

const MESSAGES = {
  unknown_product: 'There is no such product',
  product_exists: 'A product with this id already exists',
  sale_not_open: 'No sale of this product is running',
} as const;

/**
 * Admin commands (role admin). Each is ONE WriteModel script that changes Redis and puts its
 * event in the outbox atomically, then the event is published. A failed publish still answers
 * success: the change is made and the relay publishes its event.
 */
export function adminRoutes(deps: AdminRoutesDeps): Router {
  const router = Router();
  router.use('/api/admin', authenticate(deps.tokens, 'admin'), deps.json);

  const context = (res: Response, aggregateId: string) => {
    const requestId = requestIdOf(res);
    return { aggregateId, correlationId: requestId, causationId: requestId };
  };

  /** Runs one command's result to its answer: the event's data, plus its id. */
  const settle = async (res: Response, productId: string, result: AdminResult, status: number) => {
    if (result.status === 'refused') {
      res.locals.outcome = result.code;
      throw new DomainError(result.code, MESSAGES[result.code]);
    }
    deps.soldOut.forget(productId); // our own change: no need to wait for its notice
    const event = JSON.parse(result.eventJson) as ShopEvent;
    res.locals.outcome = 'ok';
    res.locals.published = await deps.publish(productId, result.eventJson, event.type);
    res.status(status).json({ eventId: event.id, ...event.data });
  };

  router.post('/api/admin/products', async (req, res) => {
    const body = parseWith(CreateProductRequest, req.body);
    const productId = body.productId ?? randomUUID();
    const { productId: _ignored, ...product } = body;
    const template = newEvent(
      'ProductCreated',
      1,
      { ...product, productId, stockVersion: 0 },
      context(res, productId),
    );
    await settle(res, productId, await deps.store.createProduct(template), 201);
  });

  router.post('/api/admin/products/:id/sale', async (req, res) => {
    const { id } = parseWith(ProductIdParams, { ...req.params });
    const sale = parseWith(ScheduleSaleRequest, req.body);
    const template = newEvent('SaleScheduled', 1, { productId: id, ...sale }, context(res, id));
    await settle(res, id, await deps.store.scheduleSale(template), 200);
  });

  router.post('/api/admin/products/:id/restock', async (req, res) => {
    const { id } = parseWith(ProductIdParams, { ...req.params });
    const { quantity } = parseWith(RestockRequest, req.body);
    const template = newEvent(
      'StockReplenished',
      1,
      { productId: id, quantity, available: 0, stockVersion: 0 },
      context(res, id),
    );
    await settle(res, id, await deps.store.restock(template), 200);
  });

  router.post('/api/admin/products/:id/sale/end', async (req, res) => {
    const { id } = parseWith(ProductIdParams, { ...req.params });
    const template = newEvent(
      'SaleEnded',
      1,
      { productId: id, endedAt: new Date().toISOString(), reason: 'ended_early' },
      context(res, id),
    );
    await settle(res, id, await deps.store.endSale(template), 200);
  });

  return router;
}

import { z } from 'zod';
import { ProductIdParams } from '../commands/admin.js';
import { ListOrdersQuery, OrderPage, OrderView } from '../readModels/orderView.js';
import { ProductView } from '../readModels/productView.js';
import { DeadLetterPage, SalesStats, StatsQuery } from '../readModels/salesStats.js';
import { ProductsSnapshot } from '../realtime/socketMessages.js';
import type { ApiOperation } from './apiOperation.js';
import { DeadLettersQuery, NoQuery, OrderIdParams } from './apiSchemas.js';

const query = ['query-api'] as const;

/** The read side: REST reads of the read models (query-api, port 3002), and this document. */
export const queryApiOperations: readonly ApiOperation[] = [
  {
    operationId: 'listProducts',
    services: query,
    method: 'get',
    path: '/api/products',
    summary: 'Every product with its live stock, ordered by id',
    access: 'public',
    query: NoQuery,
    success: { status: 200, description: 'Every product', schema: ProductsSnapshot },
    refusals: [],
  },
  {
    operationId: 'getProduct',
    services: query,
    method: 'get',
    path: '/api/products/{id}',
    summary: 'One product with its live stock',
    access: 'public',
    params: ProductIdParams,
    query: NoQuery,
    success: { status: 200, description: 'The product', schema: ProductView },
    refusals: ['unknown_product'],
  },
  {
    operationId: 'listOrders',
    services: query,
    method: 'get',
    path: '/api/orders',
    summary: "The caller's own orders, newest first (keyset pagination)",
    access: 'user',
    query: ListOrdersQuery,
    success: { status: 200, description: 'One page of orders', schema: OrderPage },
    refusals: [],
  },
  {
    operationId: 'getOrder',
    services: query,
    method: 'get',
    path: '/api/orders/{id}',
    summary: "One of the caller's own orders",
    description:
      "Someone else's order is a 404, like a missing one. So is an order accepted a moment ago: " +
      'the read side projects it a few milliseconds after the 202 (poll, or watch the socket).',
    access: 'user',
    params: OrderIdParams,
    success: { status: 200, description: 'The order', schema: OrderView },
    refusals: ['not_found'],
  },
  {
    operationId: 'getSalesStats',
    services: query,
    method: 'get',
    path: '/api/admin/stats',
    summary: 'Sales per minute, totals, per-product sell-through and the confirmation queue',
    access: 'admin',
    query: StatsQuery,
    success: { status: 200, description: 'The sales floor', schema: SalesStats },
    refusals: [],
  },
  {
    operationId: 'listDeadLetters',
    services: query,
    method: 'get',
    path: '/api/admin/dead-letters',
    summary: 'Messages the processors could not handle, newest first',
    access: 'admin',
    query: DeadLettersQuery,
    success: { status: 200, description: 'The newest dead letters', schema: DeadLetterPage },
    refusals: [],
  },
  {
    operationId: 'getOpenApiDocument',
    services: query,
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document (OpenAPI 3.1, generated from the zod contracts)',
    access: 'public',
    success: {
      status: 200,
      description: 'The OpenAPI document',
      schema: z.record(z.string(), z.unknown()),
    },
    refusals: [],
  },
  {
    operationId: 'getApiReference',
    services: query,
    method: 'get',
    path: '/api/docs',
    summary: 'A reference page rendering this document (Swagger UI, served locally)',
    access: 'public',
    success: {
      status: 200,
      description: 'An HTML page',
      schema: z.string(),
      contentType: 'text/html',
    },
    refusals: [],
  },
];

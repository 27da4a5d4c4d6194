import { z } from 'zod';
import {
  CreateProductRequest,
  ProductIdParams,
  RestockRequest,
  ScheduleSaleRequest,
} from '../commands/admin.js';
import { AuthResponse, LoginRequest, SignupRequest } from '../commands/auth.js';
import { IdempotencyKey, PlaceOrderRequest, PlaceOrderResponse } from '../commands/orders.js';
import type { ApiOperation } from './apiOperation.js';
import {
  ProductCreatedResponse,
  SaleEndedResponse,
  SaleScheduledResponse,
  StockReplenishedResponse,
} from './apiSchemas.js';

const command = ['command-api'] as const;
const productLinks = {
  ScheduleSale: { operationId: 'scheduleSale', parameters: { id: '$response.body#/productId' } },
  Restock: { operationId: 'restockProduct', parameters: { id: '$response.body#/productId' } },
  ReadProduct: { operationId: 'getProduct', parameters: { id: '$response.body#/productId' } },
};

/** The write side: accounts, purchases and admin commands (command-api, port 3001). */
export const commandApiOperations: readonly ApiOperation[] = [
  {
    operationId: 'signup',
    services: command,
    method: 'post',
    path: '/api/auth/signup',
    summary: 'Create a shopper account and sign in',
    access: 'public',
    body: SignupRequest,
    success: { status: 201, description: 'The account, and an access token', schema: AuthResponse },
    refusals: ['email_taken', 'rate_limited', 'unavailable'],
  },
  {
    operationId: 'login',
    services: command,
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in',
    description: 'An unknown email and a wrong password get the same answer.',
    access: 'public',
    body: LoginRequest,
    success: { status: 200, description: 'An access token', schema: AuthResponse },
    refusals: ['invalid_credentials', 'rate_limited', 'unavailable'],
  },
  {
    operationId: 'placeOrder',
    services: command,
    method: 'post',
    path: '/api/orders',
    summary: 'Buy: reserve stock and place an order',
    description:
      'Accepted orders are pending until payment confirms or rejects them (read them with getOrder). ' +
      'A retry with the same Idempotency-Key returns the first answer.',
    access: 'user',
    headers: z.object({ 'Idempotency-Key': IdempotencyKey.optional() }),
    body: PlaceOrderRequest,
    success: {
      status: 202,
      description: 'Reserved; the order is pending',
      schema: PlaceOrderResponse,
      headers: z.object({
        Location: z.string().meta({ description: 'The order: /api/orders/{orderId}' }),
      }),
      links: {
        ReadOrder: { operationId: 'getOrder', parameters: { id: '$response.body#/orderId' } },
      },
    },
    refusals: [
      'unknown_product',
      'sale_not_open',
      'sold_out',
      'limit_reached',
      'idempotency_conflict',
      'rate_limited',
      'unavailable',
    ],
  },
  {
    operationId: 'createProduct',
    services: command,
    method: 'post',
    path: '/api/admin/products',
    summary: 'Create a product (its id is generated when absent)',
    access: 'admin',
    body: CreateProductRequest,
    success: {
      status: 201,
      description: 'The ProductCreated event written',
      schema: ProductCreatedResponse,
      links: productLinks,
    },
    refusals: ['product_exists'],
  },
  {
    operationId: 'scheduleSale',
    services: command,
    method: 'post',
    path: '/api/admin/products/{id}/sale',
    summary: "Schedule (or replace) a product's sale window",
    access: 'admin',
    params: ProductIdParams,
    body: ScheduleSaleRequest,
    success: {
      status: 200,
      description: 'The SaleScheduled event written',
      schema: SaleScheduledResponse,
      links: {
        Buy: {
          operationId: 'placeOrder',
          requestBody: { productId: '$response.body#/productId', quantity: 1 },
        },
        EndSale: { operationId: 'endSale', parameters: { id: '$response.body#/productId' } },
      },
    },
    refusals: ['unknown_product'],
  },
  {
    operationId: 'restockProduct',
    services: command,
    method: 'post',
    path: '/api/admin/products/{id}/restock',
    summary: 'Add units to a product',
    access: 'admin',
    params: ProductIdParams,
    body: RestockRequest,
    success: {
      status: 200,
      description: 'The StockReplenished event written (available and stockVersion after it)',
      schema: StockReplenishedResponse,
    },
    refusals: ['unknown_product'],
  },
  {
    operationId: 'endSale',
    services: command,
    method: 'post',
    path: '/api/admin/products/{id}/sale/end',
    summary: "End a product's running sale now",
    access: 'admin',
    params: ProductIdParams,
    parsesJson: true,
    success: { status: 200, description: 'The SaleEnded event written', schema: SaleEndedResponse },
    refusals: ['unknown_product', 'sale_not_open'],
  },
];

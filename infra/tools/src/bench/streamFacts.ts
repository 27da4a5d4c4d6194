import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { decodeEventJson, type ShopEvent, type ShopNaming } from '@scalemart/contracts';
import { recordTimes, storedAtMs, type OrderTimeline } from './orderTimeline.js';

export interface OrderFact {
  orderId: string;
  userId: string;
  productId: string;
  quantity: number;
  totalCents: number;
  /** OrderPlaced events carrying this orderId (must be exactly 1). */
  placed: number;
  /** OrderConfirmed + OrderRejected events (must be exactly 1 after draining). */
  settled: number;
  status: 'pending' | 'confirmed' | 'rejected';
}

export interface ProductFact {
  productId: string;
  initialStock: number;
  restocked: number;
  placedUnits: number;
  confirmedUnits: number;
  rejectedUnits: number;
  releasedUnits: number;
  perUserLimit: number | undefined;
  /** `StockReleased` events per orderId (must be at most 1). */
  releases: Map<string, number>;
}

/** What the stream says happened: the source of truth every invariant is checked against. */
export interface StreamFacts {
  events: number;
  undecodable: number;
  orders: Map<string, OrderFact>;
  products: Map<string, ProductFact>;
  /** When each order was stored, answered and settled: the stream's half of the winners' hops. */
  timeline: OrderTimeline;
}

/** Folds events, in stream order, into orders and products (a replay the bench does itself). */
export function foldEvents(
  events: Iterable<ShopEvent>,
): Omit<StreamFacts, 'undecodable' | 'timeline'> {
  const orders = new Map<string, OrderFact>();
  const products = new Map<string, ProductFact>();
  const product = (productId: string) => {
    let fact = products.get(productId);
    if (!fact) {
      fact = {
        productId,
        initialStock: 0,
        restocked: 0,
        placedUnits: 0,
        confirmedUnits: 0,
        rejectedUnits: 0,
        releasedUnits: 0,
        perUserLimit: undefined,
        releases: new Map(),
      };
      products.set(productId, fact);
    }
    return fact;
  };
  let count = 0;
  for (const event of events) {
    count += 1;
    switch (event.type) {
      case 'ProductCreated':
        product(event.data.productId).initialStock = event.data.initialStock;
        break;
      case 'SaleScheduled':
        product(event.data.productId).perUserLimit = event.data.perUserLimit;
        break;
      case 'StockReplenished':
        product(event.data.productId).restocked += event.data.quantity;
        break;
      case 'StockReleased': {
        const fact = product(event.data.productId);
        fact.releasedUnits += event.data.quantity;
        fact.releases.set(event.data.orderId, (fact.releases.get(event.data.orderId) ?? 0) + 1);
        break;
      }
      case 'OrderPlaced': {
        const { orderId, userId, productId, quantity, totalCents } = event.data;
        const existing = orders.get(orderId);
        if (existing) {
          existing.placed += 1;
          break;
        }
        orders.set(orderId, {
          orderId,
          userId,
          productId,
          quantity,
          totalCents,
          placed: 1,
          settled: 0,
          status: 'pending',
        });
        product(productId).placedUnits += quantity;
        break;
      }
      case 'OrderConfirmed':
      case 'OrderRejected': {
        const order = orders.get(event.data.orderId);
        if (!order) break;
        order.settled += 1;
        if (order.status !== 'pending') break;
        order.status = event.type === 'OrderConfirmed' ? 'confirmed' : 'rejected';
        const fact = product(order.productId);
        if (order.status === 'confirmed') fact.confirmedUnits += order.quantity;
        else fact.rejectedUnits += order.quantity;
        break;
      }
      default:
        break;
    }
  }
  return { events: count, orders, products };
}

/** Reads the whole stream with an ordered consumer (no durable state left behind) and folds it. */
export async function readStreamFacts(
  nc: NatsConnection,
  naming: ShopNaming,
): Promise<StreamFacts> {
  const jsm = await jetstreamManager(nc);
  const last = (await jsm.streams.info(naming.stream)).state.last_seq;
  const decoded: ShopEvent[] = [];
  const timeline: OrderTimeline = new Map();
  let undecodable = 0;
  if (last > 0) {
    const consumer = await jetstream(nc).consumers.get(naming.stream);
    const messages = await consumer.consume({ max_messages: 10_000 });
    for await (const message of messages) {
      try {
        const event = decodeEventJson(message.string());
        decoded.push(event);
        recordTimes(timeline, event, storedAtMs(message.timestampNanos));
      } catch {
        undecodable += 1;
      }
      if (message.seq >= last) break;
    }
    await messages.close().catch(() => undefined);
  }
  return { ...foldEvents(decoded), undecodable, timeline };
}

import type { OrderView } from '@scalemart/contracts';
import { formatCents } from '../../lib/money.js';
import { OrderStatus } from './OrderStatus.js';

/** "My orders": every status change arrives live, pending → confirmed or rejected. */
export interface OrdersListProps {
  orders: OrderView[] | null;
  error: string | null;
  /** Product names by id; the id is shown when a product is unknown. */
  names?: ReadonlyMap<string, string>;
}

export function OrdersList({ orders, error, names }: OrdersListProps) {
  return (
    <section aria-labelledby="orders-title">
      <h2 id="orders-title">My orders</h2>
      {error && <p role="alert">{error}</p>}
      {orders === null && !error && <p>Loading your orders…</p>}
      {orders?.length === 0 && <p>No orders yet.</p>}
      <ul className="orders" aria-live="polite">
        {orders?.map((order) => (
          <li key={order.orderId} className="order" data-testid={`order-${order.orderId}`}>
            <span className="order-product">
              {order.quantity} × {names?.get(order.productId) ?? order.productId}
            </span>
            <span className="order-total">{formatCents(order.totalCents, order.currency)}</span>
            <OrderStatus order={order} />
            <time dateTime={order.placedAt}>{new Date(order.placedAt).toLocaleTimeString()}</time>
          </li>
        ))}
      </ul>
    </section>
  );
}

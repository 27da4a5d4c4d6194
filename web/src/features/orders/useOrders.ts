import { useCallback, useEffect, useState } from 'react';
import { OrderPage, OrderPush, SOCKET_EVENTS, type OrderView } from '@scalemart/contracts';
import { apiRequest } from '../../lib/api.js';
import { useLive, useSocketEvent } from '../../lib/LiveContext.js';

const RANK = { pending: 0, confirmed: 1, rejected: 1 } as const;

/** Puts a pushed order in the list, newest first; a late `pending` never overwrites a final status. */
export function upsertOrder(orders: OrderView[], order: OrderView): OrderView[] {
  const existing = orders.find((o) => o.orderId === order.orderId);
  if (existing && RANK[existing.status] > RANK[order.status]) return orders;
  const rest = orders.filter((o) => o.orderId !== order.orderId);
  return [order, ...rest].sort((a, b) => Date.parse(b.placedAt) - Date.parse(a.placedAt));
}

/** The shopper's orders: a REST page on every (re)connect, then live `order` pushes. */
export function useOrders(token: string | null) {
  const { epoch } = useLive();
  const [orders, setOrders] = useState<OrderView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    if (!token) return;
    try {
      const page = await apiRequest('/api/orders?limit=50', { token, schema: OrderPage });
      setOrders((current) => page.orders.reduce(upsertOrder, current ?? []));
      setError(null);
    } catch {
      setError('Could not load your orders. Retrying when the connection is back.');
    }
  }, [token]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- reload sets state only after its await; the rule misses that (https://github.com/react/react/issues/34905)
    void reload();
  }, [epoch, reload]);

  useSocketEvent<unknown>(SOCKET_EVENTS.order, (payload) => {
    const parsed = OrderPush.safeParse(payload);
    if (parsed.success) setOrders((current) => upsertOrder(current ?? [], parsed.data.order));
  });
  return { orders, error, reload };
}

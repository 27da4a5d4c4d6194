import type { OrderView } from '@scalemart/contracts';

const TEXT = { pending: 'Pending', confirmed: 'Confirmed', rejected: 'Rejected' } as const;
const REASONS: Record<string, string> = {
  payment_declined: 'payment declined',
  payment_failed: 'payment failed',
  sale_ended: 'the sale ended',
};

/** The status of one order, in words and colour (the colour never carries meaning alone). */
export function OrderStatus({ order }: { order: Pick<OrderView, 'status' | 'rejectionReason'> }) {
  const reason = order.rejectionReason
    ? (REASONS[order.rejectionReason] ?? order.rejectionReason.replaceAll('_', ' '))
    : '';
  return (
    <span className={`status status-${order.status}`} data-status={order.status}>
      {order.status === 'pending' && <span className="spinner" aria-hidden="true" />}
      {TEXT[order.status]}
      {order.status === 'rejected' && reason && ` — ${reason}`}
    </span>
  );
}

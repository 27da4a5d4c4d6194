import { render, screen, within } from '@testing-library/react';
import type { OrderView } from '@scalemart/contracts';
import { OrdersList } from './OrdersPage.js';
import { OrderStatus } from './OrderStatus.js';
import { upsertOrder } from './useOrders.js';

const order = (status: OrderView['status'], extra: Partial<OrderView> = {}): OrderView => ({
  orderId: '0b5c0d6e-8a4f-4f43-9a3e-2f4b8d1c9a10',
  userId: 'u1',
  productId: 'lamp',
  quantity: 1,
  unitPriceCents: 1999,
  totalCents: 1999,
  currency: 'EUR',
  status,
  history: [{ status, at: '2026-11-21T10:00:00.000Z' }],
  placedAt: '2026-11-21T10:00:00.000Z',
  updatedAt: '2026-11-21T10:00:00.000Z',
  ...extra,
});

describe('OrderStatus', () => {
  it.each([
    ['pending', 'Pending'],
    ['confirmed', 'Confirmed'],
  ] as const)('shows %s in words', (status, text) => {
    render(<OrderStatus order={order(status)} />);
    expect(screen.getByText(text)).toHaveAttribute('data-status', status);
  });

  it('says why an order was rejected', () => {
    render(<OrderStatus order={order('rejected', { rejectionReason: 'payment_declined' })} />);
    expect(screen.getByText(/Rejected — payment declined/)).toBeInTheDocument();
  });
});

describe('OrdersList', () => {
  it('renders each order with its total and status, and moves pending to confirmed on a push', () => {
    const { rerender } = render(<OrdersList orders={[order('pending')]} error={null} />);
    const row = screen.getByTestId(`order-${order('pending').orderId}`);
    expect(within(row).getByText('Pending')).toBeInTheDocument();
    expect(row).toHaveTextContent('1 × lamp');
    rerender(
      <OrdersList orders={upsertOrder([order('pending')], order('confirmed'))} error={null} />,
    );
    expect(within(row).getByText('Confirmed')).toBeInTheDocument();
  });

  it('says when there are no orders', () => {
    render(<OrdersList orders={[]} error={null} />);
    expect(screen.getByText('No orders yet.')).toBeInTheDocument();
  });
});

describe('upsertOrder', () => {
  it('never lets a late pending push overwrite a final status', () => {
    expect(upsertOrder([order('confirmed')], order('pending'))[0]?.status).toBe('confirmed');
  });

  it('keeps the newest order first', () => {
    const older = order('confirmed', {
      orderId: '1b5c0d6e-8a4f-4f43-9a3e-2f4b8d1c9a10',
      placedAt: '2026-11-21T09:00:00.000Z',
    });
    expect(upsertOrder([older], order('pending')).map((o) => o.placedAt)).toEqual([
      '2026-11-21T10:00:00.000Z',
      '2026-11-21T09:00:00.000Z',
    ]);
  });
});

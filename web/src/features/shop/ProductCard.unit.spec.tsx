import { render, screen } from '@testing-library/react';
import type { ProductView } from '@scalemart/contracts';
import { formatDuration } from './Countdown.js';
import { ProductCard } from './ProductCard.js';
import { applyStock } from './useProducts.js';

const NOW = new Date('2026-11-21T10:00:00.000Z');
const product = (extra: Partial<ProductView> = {}): ProductView => ({
  productId: 'lamp',
  name: 'Lamp',
  description: 'A warm light',
  priceCents: 4000,
  currency: 'EUR',
  sale: {
    startsAt: '2026-11-21T09:00:00.000Z',
    endsAt: '2026-11-21T11:05:09.000Z',
    perUserLimit: 2,
    salePriceCents: 3000,
    endedAt: null,
  },
  initialStock: 100,
  restocked: 0,
  available: 40,
  pending: 0,
  sold: 60,
  lowStock: false,
  soldOutAt: null,
  stockVersion: 60,
  updatedAt: NOW.toISOString(),
  ...extra,
});

describe('ProductCard', () => {
  it('shows the sale price, the discount, the countdown to the end and the stock', () => {
    render(<ProductCard product={product()} now={NOW} token="t" />);
    expect(screen.getByText('-25%')).toBeInTheDocument();
    expect(screen.getByText(/Ends in/)).toHaveTextContent('Ends in 1h 05m 09s');
    expect(screen.getByTestId('stock-lamp')).toHaveTextContent('40 left');
    expect(screen.getByRole('button', { name: 'Buy Lamp' })).toBeEnabled();
  });

  it('pulses when low and says so to screen readers', () => {
    render(<ProductCard product={product({ available: 3, lowStock: true })} now={NOW} token="t" />);
    expect(screen.getByTestId('stock-lamp')).toHaveClass('low');
    expect(screen.getByTestId('stock-lamp')).toHaveTextContent('3 left — almost gone');
  });

  it('is clearly sold out and cannot be bought', () => {
    render(<ProductCard product={product({ available: 0, lowStock: true })} now={NOW} token="t" />);
    expect(screen.getByTestId('stock-lamp')).toHaveTextContent('Sold out');
    expect(screen.getByRole('button', { name: 'Buy Lamp' })).toBeDisabled();
  });

  it('counts down to a sale that has not started, and waits for it', () => {
    const sale = { ...product().sale!, startsAt: '2026-11-21T10:04:09.000Z' };
    render(<ProductCard product={product({ sale })} now={NOW} token="t" />);
    expect(screen.getByText(/Starts in/)).toHaveTextContent('Starts in 4m 09s');
    expect(screen.getByRole('button', { name: 'Buy Lamp' })).toHaveTextContent('Not started');
  });

  it('asks a visitor to log in before buying', () => {
    render(<ProductCard product={product()} now={NOW} token={null} />);
    expect(screen.getByRole('button', { name: 'Buy Lamp' })).toHaveTextContent('Log in to buy');
  });
});

describe('applyStock', () => {
  it('applies a newer push and ignores an older one', () => {
    const push = {
      productId: 'lamp',
      available: 5,
      pending: 1,
      sold: 94,
      stockVersion: 95,
      eventAt: NOW.toISOString(),
    };
    const [next] = applyStock([product()], push);
    expect(next).toMatchObject({ available: 5, stockVersion: 95, lowStock: true });
    expect(applyStock([next!], { ...push, available: 9, stockVersion: 90 })[0]?.available).toBe(5);
  });

  it('formats durations', () => {
    expect(formatDuration(-5)).toBe('0m 00s');
    expect(formatDuration(3_723_000)).toBe('1h 02m 03s');
  });
});

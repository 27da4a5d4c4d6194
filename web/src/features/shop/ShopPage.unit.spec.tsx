import { jest } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import { LiveContext } from '../../lib/LiveContext.js';
import { productOnSale } from '../../testing/products.js';
import { ShopPage } from './ShopPage.js';

const NOW = new Date('2026-11-21T10:00:00.000Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const cardsIn = (shelf: string) =>
  within(screen.getByTestId(`shelf-${shelf}`))
    .getAllByRole('article')
    .map((card) => card.getAttribute('data-testid'));

describe('ShopPage', () => {
  it('shows live, then upcoming, then sold out, and hides ended sales', () => {
    const products = [
      productOnSale('ended', NOW, { startsIn: -60, endsIn: -1 }),
      productOnSale('gone', NOW, { startsIn: -5, endsIn: 5 }, { available: 0 }),
      productOnSale('soon', NOW, { startsIn: 3, endsIn: 60 }),
      productOnSale('later', NOW, { startsIn: -5, endsIn: 40 }),
      productOnSale('last-chance', NOW, { startsIn: -50, endsIn: 2 }),
    ];
    render(<ShopPage products={products} error={null} token="t" now={NOW} />);
    const headings = screen.getAllByRole('heading', { level: 3, name: /\(\d+\)$/ });
    expect(headings.map((h) => h.textContent)).toEqual([
      'Live now (2)',
      'Starting soon (1)',
      'Sold out (1)',
    ]);
    expect(cardsIn('live')).toEqual(['card-last-chance', 'card-later']);
    expect(cardsIn('upcoming')).toEqual(['card-soon']);
    expect(within(screen.getByTestId('shelf-upcoming')).getByText(/Starts in/)).toHaveTextContent(
      'Starts in 3m 00s',
    );
    expect(cardsIn('sold-out')).toEqual(['card-gone']);
    expect(screen.queryByTestId('card-ended')).not.toBeInTheDocument();
  });

  it('moves a card from upcoming to live to sold out without a reload', () => {
    const lamp = productOnSale('lamp', NOW, { startsIn: 0.5, endsIn: 10 });
    const { rerender } = render(<ShopPage products={[lamp]} error={null} token="t" now={NOW} />);
    expect(cardsIn('upcoming')).toEqual(['card-lamp']);
    expect(screen.getByTestId('no-live-sale')).toHaveTextContent(
      'No live sale right now. The next one starts in 0m 30s.',
    );

    rerender(<ShopPage products={[lamp]} error={null} token="t" now={later(30)} />);
    expect(cardsIn('live')).toEqual(['card-lamp']);
    expect(screen.queryByTestId('shelf-upcoming')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Buy lamp' })).toBeEnabled();

    const soldOut = { ...lamp, available: 0, sold: 10, stockVersion: 2 };
    rerender(<ShopPage products={[soldOut]} error={null} token="t" now={later(31)} />);
    expect(cardsIn('sold-out')).toEqual(['card-lamp']);
    expect(screen.queryByTestId('shelf-live')).not.toBeInTheDocument();

    rerender(<ShopPage products={[soldOut]} error={null} token="t" now={later(600)} />);
    expect(screen.queryByTestId('card-lamp')).not.toBeInTheDocument();
    expect(screen.getByTestId('no-live-sale')).toHaveTextContent('Come back soon.');
  });

  it('says when the product list cannot be loaded, and offers to try again', () => {
    const retry = jest.fn();
    render(
      <ShopPage products={null} error="Could not load the sale." token={null} onRetry={retry} />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Could not load the sale.');
    within(alert).getByRole('button', { name: 'Try again' }).click();
    expect(retry).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('Loading the sale…')).not.toBeInTheDocument();
  });

  it('warns that what it shows may be stale while the socket reconnects', () => {
    const lamp = productOnSale('lamp', NOW, { startsIn: -1, endsIn: 10 });
    render(
      <LiveContext.Provider value={{ socket: null, status: 'reconnecting', epoch: 1 }}>
        <ShopPage products={[lamp]} error={null} token="t" now={NOW} />
      </LiveContext.Provider>,
    );
    expect(screen.getByText(/^Reconnecting… stock and sale states/)).toHaveAttribute(
      'role',
      'status',
    );
    expect(cardsIn('live')).toEqual(['card-lamp']);
  });
});

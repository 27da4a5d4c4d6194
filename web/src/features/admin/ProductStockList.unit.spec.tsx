import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { productOnSale } from '../../testing/products.js';
import { ProductStockList } from './ProductStockList.js';

const NOW = new Date('2026-11-21T10:00:00.000Z');

describe('ProductStockList', () => {
  const products = [
    productOnSale('live-lamp', NOW, { startsIn: -5, endsIn: 5 }),
    productOnSale('ended-chair', NOW, { startsIn: -60, endsIn: -5 }),
    productOnSale('upcoming-desk', NOW, { startsIn: 5, endsIn: 60 }),
  ];

  it('lists every product, and only the live sales when filtered', async () => {
    render(
      <ProductStockList products={products} receivedAt={NOW.getTime()} error={null} now={NOW} />,
    );
    expect(screen.getAllByRole('listitem')).toHaveLength(3);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Live sales only' }));
    expect(screen.getAllByRole('listitem').map((li) => li.getAttribute('data-testid'))).toEqual([
      'burndown-live-lamp',
    ]);
  });

  it('says so when no sale is live, or there are no products, or they cannot be loaded', async () => {
    const { rerender } = render(
      <ProductStockList
        products={[products[1]!]}
        receivedAt={NOW.getTime()}
        error={null}
        now={NOW}
      />,
    );
    await userEvent.click(screen.getByRole('checkbox', { name: 'Live sales only' }));
    expect(screen.getByTestId('no-live-sale')).toHaveTextContent('No live sale right now.');
    rerender(<ProductStockList products={[]} receivedAt={NOW.getTime()} error={null} now={NOW} />);
    expect(screen.getByText('No products yet: create one below.')).toBeInTheDocument();
    rerender(
      <ProductStockList
        products={null}
        receivedAt={NOW.getTime()}
        error="Could not load the sale."
        now={NOW}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load the sale.');
  });
});

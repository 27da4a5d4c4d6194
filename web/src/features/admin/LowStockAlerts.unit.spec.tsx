import { render, screen } from '@testing-library/react';
import { productOnSale } from '../../testing/products.js';
import { LowStockAlerts } from './LowStockAlerts.js';

const NOW = new Date('2026-11-21T10:00:00.000Z');

describe('LowStockAlerts', () => {
  it('tells a product running low from one sold out', () => {
    const products = [
      productOnSale('lamp', NOW, { startsIn: -5, endsIn: 5 }, { available: 1 }),
      productOnSale('kettle', NOW, { startsIn: -5, endsIn: 5 }, { available: 0, sold: 10 }),
    ];
    render(<LowStockAlerts ids={new Set(['lamp', 'kettle'])} products={products} />);
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'lamp is running low',
      'kettle is sold out',
    ]);
  });

  it('says none when nothing is low', () => {
    render(<LowStockAlerts ids={new Set()} products={[]} />);
    expect(screen.getByText('None.')).toBeInTheDocument();
  });
});

import { render, screen } from '@testing-library/react';
import { productOnSale } from '../../testing/products.js';
import { ProductPage } from './ProductPage.js';

const NOW = new Date();

describe('ProductPage (#/p/<productId>)', () => {
  it('shows a live product with its sale window and the link to share', () => {
    const lamp = productOnSale('lamp', NOW, { startsIn: -5, endsIn: 30 }, { name: 'Desk lamp' });
    render(<ProductPage productId="lamp" products={[lamp]} error={null} token="t" />);
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Desk lamp');
    expect(screen.getByText('Sale ends')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Buy Desk lamp' })).toBeEnabled();
    expect(screen.getByRole('link', { name: /#\/p\/lamp$/ })).toHaveAttribute('href', '#/p/lamp');
  });

  it('keeps an ended sale reachable, and says it ended', () => {
    const vase = productOnSale('vase', NOW, { startsIn: -60, endsIn: -1 }, { name: 'Glass vase' });
    render(<ProductPage productId="vase" products={[vase]} error={null} token="t" />);
    expect(screen.getByTestId('card-vase')).toHaveTextContent('Sale ended');
    expect(screen.getByRole('button', { name: 'Buy Glass vase' })).toBeDisabled();
  });

  it('says so for a link to a product that does not exist', () => {
    render(<ProductPage productId="nope" products={[]} error={null} token={null} />);
    expect(screen.getByTestId('unknown-product')).toHaveTextContent('There is no product “nope”');
  });
});

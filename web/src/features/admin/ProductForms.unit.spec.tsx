import { jest } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ProductView } from '@scalemart/contracts';
import { fakeResponse, installFetch, problem } from '../../testing/fakeFetch.js';
import { CreateProductForm, SaleForms } from './ProductForms.js';

const lamp = { productId: 'lamp', name: 'Lamp' } as ProductView;

describe('admin forms', () => {
  it('checks a new product with the contracts schema before sending anything', async () => {
    const fetchMock = installFetch();
    render(<CreateProductForm token="t" onDone={() => undefined} />);
    await userEvent.type(screen.getByLabelText('Price (€)'), '0');
    await userEvent.click(screen.getByRole('button', { name: 'Create product' }));
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(
      /expected string to have >=1 characters|Too small/i,
    );
    expect(screen.getByLabelText('Price (€)')).toHaveAccessibleDescription('must be positive');
    expect(screen.getByLabelText('Price (€)')).toHaveAttribute('aria-invalid', 'true');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('sends a valid product in cents and reports success', async () => {
    const fetchMock = installFetch(fakeResponse(201, { productId: 'lamp' }));
    const onDone = jest.fn();
    render(<CreateProductForm token="t" onDone={onDone} />);
    await userEvent.type(screen.getByLabelText('Name'), 'Lamp');
    await userEvent.type(screen.getByLabelText('Price (€)'), '19.99');
    await userEvent.type(screen.getByLabelText('Initial stock'), '5');
    await userEvent.click(screen.getByRole('button', { name: 'Create product' }));
    expect(await screen.findByText('Created Lamp.')).toBeInTheDocument();
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/admin/products');
    expect(JSON.parse(init!.body as string)).toEqual({
      name: 'Lamp',
      description: '',
      priceCents: 1999,
      initialStock: 5,
      currency: 'EUR',
    });
    expect(onDone).toHaveBeenCalled();
  });

  it('refuses a sale that ends before it starts, on the Ends field', async () => {
    const fetchMock = installFetch();
    render(<SaleForms token="t" products={[lamp]} onDone={() => undefined} />);
    await userEvent.clear(screen.getByLabelText('Ends'));
    await userEvent.type(screen.getByLabelText('Ends'), '2020-01-01T10:00');
    await userEvent.type(screen.getByLabelText('Sale price (€)'), '9');
    await userEvent.click(screen.getByRole('button', { name: 'Schedule sale' }));
    expect(screen.getByLabelText('Ends')).toHaveAccessibleDescription('must end after it starts');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows an API refusal of a restock', async () => {
    installFetch(problem(404, 'unknown_product'));
    render(<SaleForms token="t" products={[lamp]} onDone={() => undefined} />);
    await userEvent.type(screen.getByLabelText('Units to add'), '10');
    await userEvent.click(screen.getByRole('button', { name: 'Restock' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/no longer available/);
  });
});

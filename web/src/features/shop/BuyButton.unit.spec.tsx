import { jest } from '@jest/globals';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BuyButton } from './BuyButton.js';
import { fakeResponse, installFetch, problem } from '../../testing/fakeFetch.js';

const ORDER_ID = '0b5c0d6e-8a4f-4f43-9a3e-2f4b8d1c9a10';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const renderButton = (extra: Partial<Parameters<typeof BuyButton>[0]> = {}) =>
  render(<BuyButton productId="lamp" productName="Lamp" token="t0ken" {...extra} />);

describe('BuyButton', () => {
  it('is idle and pressable at first', () => {
    renderButton();
    const button = screen.getByRole('button', { name: 'Buy Lamp' });
    expect(button).toBeEnabled();
    expect(button).toHaveTextContent('Buy now');
  });

  it('shows pending at once, disables while in flight, and never double-submits', async () => {
    const answer = deferred<Response>();
    const fetchMock = installFetch(answer.promise);
    const onPlaced = jest.fn();
    renderButton({ onPlaced });
    const button = screen.getByRole('button', { name: 'Buy Lamp' });
    await userEvent.click(button);
    expect(button).toBeDisabled();
    expect(button).toHaveTextContent('Pending…');
    expect(button).toHaveAttribute('aria-busy', 'true');
    await userEvent.click(button);
    expect(fetchMock).toHaveBeenCalledTimes(1);

    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/orders');
    const headers = init!.headers as Record<string, string>;
    expect(headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers.authorization).toBe('Bearer t0ken');
    expect(JSON.parse(init!.body as string)).toEqual({ productId: 'lamp', quantity: 1 });

    await act(async () => {
      answer.resolve(fakeResponse(202, { orderId: ORDER_ID, status: 'pending' }));
      await answer.promise;
    });
    expect(await screen.findByText(/Order placed: pending/)).toBeInTheDocument();
    expect(button).toBeEnabled();
    expect(onPlaced).toHaveBeenCalledWith(ORDER_ID);
  });

  it('sends a fresh Idempotency-Key on every click', async () => {
    const fetchMock = installFetch(
      fakeResponse(202, { orderId: ORDER_ID, status: 'pending' }),
      fakeResponse(202, { orderId: ORDER_ID, status: 'pending' }),
    );
    renderButton();
    await userEvent.click(screen.getByRole('button'));
    await screen.findByText(/Order placed: pending/);
    await userEvent.click(screen.getByRole('button'));
    await screen.findByText(/Order placed: pending/);
    const keys = fetchMock.mock.calls.map(
      ([, init]) => (init!.headers as Record<string, string>)['idempotency-key'],
    );
    expect(new Set(keys).size).toBe(2);
  });

  it.each([
    [problem(409, 'sold_out'), /sold out/i],
    [problem(409, 'limit_reached'), /limit per shopper/i],
    [problem(403, 'sale_not_open'), /not open/i],
    [problem(429, 'rate_limited', { retryAfterSeconds: 3 }), /in 3 seconds/],
    [problem(429, 'rate_limited'), /wait a moment/],
    [fakeResponse(429, 'slow down', { 'Retry-After': '12' }), /in 12 seconds/],
    [
      problem(422, 'invalid_request', { issues: [{ path: 'quantity', message: 'Too big' }] }),
      /quantity Too big/,
    ],
    [problem(401, 'unauthorized'), /log in again/i],
  ])('shows the refusal %#', async (response, message) => {
    installFetch(response);
    renderButton();
    await userEvent.click(screen.getByRole('button'));
    expect(await screen.findByRole('status')).toHaveTextContent(message);
    expect(screen.getByRole('button')).toBeEnabled();
  });

  it('cannot be pressed when disabled for a reason', () => {
    renderButton({ disabledReason: 'Sold out' });
    expect(screen.getByRole('button', { name: 'Buy Lamp' })).toBeDisabled();
    expect(screen.getByRole('button')).toHaveTextContent('Sold out');
  });
});

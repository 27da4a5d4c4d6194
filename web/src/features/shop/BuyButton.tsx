import { useRef, useState } from 'react';
import { PlaceOrderResponse } from '@scalemart/contracts';
import { apiRequest } from '../../lib/api.js';
import { refusalMessage } from './refusalMessage.js';

export type BuyState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'pending'; orderId: string }
  | { kind: 'refused'; message: string };

export interface BuyButtonProps {
  productId: string;
  productName: string;
  token: string | null;
  /** Sold out, not live: the button is shown but cannot be pressed. */
  disabledReason?: string | undefined;
  onPlaced?: (orderId: string) => void;
}

/**
 * Answers at once: the click shows "pending" before the network does, the button stays disabled
 * while the request is in flight, and each click carries its own Idempotency-Key so a retry by
 * the browser or a proxy can never buy twice.
 */
export function BuyButton({
  productId,
  productName,
  token,
  disabledReason,
  onPlaced,
}: BuyButtonProps) {
  const [state, setState] = useState<BuyState>({ kind: 'idle' });
  const inFlight = useRef(false);

  async function buy() {
    if (inFlight.current) return;
    inFlight.current = true;
    setState({ kind: 'sending' });
    try {
      const answer = await apiRequest('/api/orders', {
        method: 'POST',
        token,
        body: { productId, quantity: 1 },
        headers: { 'idempotency-key': crypto.randomUUID() },
        schema: PlaceOrderResponse,
      });
      setState({ kind: 'pending', orderId: answer.orderId });
      onPlaced?.(answer.orderId);
    } catch (error) {
      setState({ kind: 'refused', message: refusalMessage(error) });
    } finally {
      inFlight.current = false;
    }
  }

  const sending = state.kind === 'sending';
  return (
    <div className="buy">
      <button
        type="button"
        className="buy-button"
        onClick={() => void buy()}
        disabled={sending || disabledReason !== undefined}
        aria-busy={sending}
        aria-label={`Buy ${productName}`}
      >
        {sending ? 'Pending…' : (disabledReason ?? 'Buy now')}
      </button>
      <p className={`buy-status buy-${state.kind}`} role="status" aria-live="polite">
        {state.kind === 'sending' && 'Placing your order…'}
        {state.kind === 'pending' && 'Order placed: pending. My orders shows when it is confirmed.'}
        {state.kind === 'refused' && state.message}
      </p>
    </div>
  );
}

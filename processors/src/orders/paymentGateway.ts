import { setTimeout as sleep } from 'node:timers/promises';
import { derivedUuid, unitHash } from '../ids.js';

export interface PaymentOptions {
  latencyMs: number;
  /** Share of payments declined, 0..1. */
  failureRate: number;
}

export type PaymentResult = { status: 'paid'; paymentId: string } | { status: 'declined' };

export interface PaymentGateway {
  charge(request: { orderId: string; amountCents: number }): Promise<PaymentResult>;
}

/**
 * A simulated payment provider. The outcome is a function of the orderId (not Math.random), so a
 * redelivered order gets the same answer — as a real gateway does with an idempotency key — and
 * tests can predict which orders are declined. Latency varies ±50% around `latencyMs`.
 */
export function simulatedGateway(options: PaymentOptions): PaymentGateway {
  return {
    async charge({ orderId }) {
      const jitter = 0.5 + unitHash(orderId, 'latency');
      if (options.latencyMs > 0) await sleep(Math.round(options.latencyMs * jitter));
      if (willDecline(orderId, options.failureRate)) return { status: 'declined' };
      return {
        status: 'paid',
        paymentId: `pay_${derivedUuid(orderId, 'payment').replaceAll('-', '')}`,
      };
    },
  };
}

/** Whether the simulated gateway declines this order (for tests that predict outcomes). */
export function willDecline(orderId: string, failureRate: number): boolean {
  return unitHash(orderId, 'decline') < failureRate;
}

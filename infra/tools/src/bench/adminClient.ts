import { setTimeout as sleep } from 'node:timers/promises';
import type { CreateProductRequest, ScheduleSaleRequest } from '@scalemart/contracts';
import { createAccessTokens } from '@scalemart/runtime/service';

export class AdminRequestError extends Error {
  override readonly name = 'AdminRequestError';
}

export interface SaleSetup {
  productId: string;
  units: number;
  perUserLimit: number;
  startsAt: Date;
  durationMs: number;
}

/** What the bench does as an admin, through command-api's admin routes like a real admin would. */
export class AdminClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  /** Logs in as the first admin (created by command-api from ADMIN_EMAIL/ADMIN_PASSWORD). */
  static async login(
    baseUrl: string,
    credentials: { email: string; password: string },
  ): Promise<AdminClient> {
    const response = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    });
    if (!response.ok) {
      throw new AdminRequestError(
        `admin login failed: ${response.status} ${await response.text()}`,
      );
    }
    const body = (await response.json()) as { token: string };
    return new AdminClient(baseUrl, body.token);
  }

  async #post(pathname: string, body: unknown, attempts = 1): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetch(`${this.baseUrl}${pathname}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(5_000),
        });
        const text = await response.text();
        if (!response.ok)
          throw new AdminRequestError(`POST ${pathname}: ${response.status} ${text}`);
        return text ? JSON.parse(text) : undefined;
      } catch (error) {
        // Chaos: the instance may be down for a moment; an admin retries.
        if (attempt >= attempts) throw error;
        await sleep(250);
      }
    }
  }

  /** One product with `units` in stock and a sale opening at `startsAt`. */
  async createSale(setup: SaleSetup): Promise<void> {
    const product: CreateProductRequest = {
      productId: setup.productId,
      name: `Bench ${setup.productId}`,
      description: 'created by the load harness',
      priceCents: 9_900,
      currency: 'EUR',
      initialStock: setup.units,
    };
    await this.#post('/api/admin/products', product);
    const sale: ScheduleSaleRequest = {
      startsAt: setup.startsAt.toISOString(),
      endsAt: new Date(setup.startsAt.getTime() + setup.durationMs).toISOString(),
      perUserLimit: setup.perUserLimit,
      salePriceCents: 4_900,
    };
    await this.#post(`/api/admin/products/${setup.productId}/sale`, sale);
  }

  /** Restocks; returns whether the restock was accepted (a chaos fault may refuse it). */
  async restock(productId: string, quantity: number): Promise<boolean> {
    try {
      await this.#post(`/api/admin/products/${productId}/restock`, { quantity }, 3);
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * Shopper tokens signed with the services' secret: the bench does not pay bcrypt 20,000 times
 * to create accounts the purchase path never reads (it trusts the token's subject).
 */
export function mintShopperTokens(
  secret: string,
  count: number,
  prefix: string,
): { userId: string; token: string }[] {
  const tokens = createAccessTokens({
    secret,
    issuer: 'scalemart',
    audience: 'scalemart',
    ttlSeconds: 3_600,
  });
  return Array.from({ length: count }, (_, i) => {
    const userId = `${prefix}-u${i}`;
    return { userId, token: tokens.sign({ sub: userId, role: 'shopper' }).token };
  });
}

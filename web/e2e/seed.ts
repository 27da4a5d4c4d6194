import { ADMIN } from './system.js';

/** What the admin's forms send, posted straight to the one origin (the e2e's own setup). */
export interface SeedProduct {
  productId: string;
  name: string;
  description: string;
  priceCents: number;
  currency: string;
  initialStock: number;
}

export interface SeedSale {
  /** Seconds from now (negative: already started). */
  startsIn: number;
  endsIn: number;
  perUserLimit?: number;
  salePriceCents: number;
}

/** An admin session on a running system, for seeding products and sales over REST. */
export async function adminSeeder(url: string) {
  const post = async (path: string, body?: unknown, token?: string) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { token: string };
  };
  const { token } = await post('/api/auth/login', ADMIN);
  const at = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
  return {
    product: (product: SeedProduct) => post('/api/admin/products', product, token),
    sale: (productId: string, sale: SeedSale) =>
      post(
        `/api/admin/products/${productId}/sale`,
        {
          startsAt: at(sale.startsIn),
          endsAt: at(sale.endsIn),
          perUserLimit: sale.perUserLimit ?? 3,
          salePriceCents: sale.salePriceCents,
        },
        token,
      ),
    endSale: (productId: string) =>
      post(`/api/admin/products/${productId}/sale/end`, undefined, token),
  };
}

export type Seeder = Awaited<ReturnType<typeof adminSeeder>>;

import type {
  AuthResponse,
  CreateProductRequest,
  ProductsSnapshot,
  ScheduleSaleRequest,
} from '@scalemart/contracts';

export interface SeedOptions {
  commandApiUrl: string;
  queryApiUrl: string;
  admin: { email: string; password: string };
  /** How long to wait for both APIs to answer /healthz. */
  timeoutMs?: number;
}

export type SeedOutcome = { seeded: true; products: string[] } | { seeded: false; reason: string };

const MINUTE = 60_000;

/** The demo sale: the first two are live now, the third starts in ten minutes. */
const DEMO: {
  product: CreateProductRequest;
  startsInMs: number;
  perUserLimit: number;
  salePriceCents: number;
}[] = [
  {
    product: {
      productId: 'aurora-headphones',
      name: 'Aurora headphones',
      description: 'Noise-cancelling, 30 h battery.',
      priceCents: 19900,
      currency: 'EUR',
      initialStock: 100,
    },
    startsInMs: -MINUTE,
    perUserLimit: 2,
    salePriceCents: 9900,
  },
  {
    product: {
      productId: 'nimbus-kettle',
      name: 'Nimbus kettle',
      description: 'Boils a litre in 90 seconds.',
      priceCents: 6900,
      currency: 'EUR',
      initialStock: 25,
    },
    startsInMs: -MINUTE,
    perUserLimit: 1,
    salePriceCents: 3900,
  },
  {
    product: {
      productId: 'tempo-watch',
      name: 'Tempo watch',
      description: 'Solar, sapphire glass.',
      priceCents: 24900,
      currency: 'EUR',
      initialStock: 50,
    },
    startsInMs: 10 * MINUTE,
    perUserLimit: 1,
    salePriceCents: 14900,
  },
];

async function waitForHealth(url: string, deadline: number): Promise<void> {
  for (;;) {
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer /healthz in time`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

class Conflict extends Error {}

async function call<T>(url: string, init: RequestInit & { token?: string }): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(url, { ...init, headers });
  if (response.status === 409) throw new Conflict(await response.text());
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * On an empty store, creates the demo sale through command-api's public API, as the demo admin
 * (whom command-api creates at startup from ADMIN_EMAIL/ADMIN_PASSWORD). Any product present
 * means someone has data here: then nothing is touched.
 */
export async function seedDemo(options: SeedOptions): Promise<SeedOutcome> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  await Promise.all([
    waitForHealth(options.commandApiUrl, deadline),
    waitForHealth(options.queryApiUrl, deadline),
  ]);
  const existing = await call<ProductsSnapshot>(`${options.queryApiUrl}/api/products`, {});
  if (existing.products.length > 0)
    return { seeded: false, reason: `${existing.products.length} products already there` };
  const { token } = await call<AuthResponse>(`${options.commandApiUrl}/api/auth/login`, {
    method: 'POST',
    body: JSON.stringify(options.admin),
  });
  const now = Date.now();
  const created: string[] = [];
  for (const demo of DEMO) {
    const id = demo.product.productId!;
    try {
      await call(`${options.commandApiUrl}/api/admin/products`, {
        method: 'POST',
        token,
        body: JSON.stringify(demo.product),
      });
    } catch (error) {
      // The read model lagging behind the stream can make a seeded store look empty: leave it be.
      if (error instanceof Conflict) continue;
      throw error;
    }
    created.push(id);
    const sale: ScheduleSaleRequest = {
      startsAt: new Date(now + demo.startsInMs).toISOString(),
      endsAt: new Date(now + demo.startsInMs + 24 * 60 * MINUTE).toISOString(),
      perUserLimit: demo.perUserLimit,
      salePriceCents: demo.salePriceCents,
    };
    await call(`${options.commandApiUrl}/api/admin/products/${id}/sale`, {
      method: 'POST',
      token,
      body: JSON.stringify(sale),
    });
  }
  return created.length > 0
    ? { seeded: true, products: created }
    : { seeded: false, reason: 'the demo products exist' };
}

import { AdminClient } from '../bench/adminClient.js';
import { readStreamFacts } from '../bench/streamFacts.js';
import { connectNats } from '@scalemart/runtime/service';
import { LocalStack, waitFor } from '@scalemart/testkit';
import { ScaleMart } from './scaleMart.js';

const ORDERS = 12;

/**
 * With Redis's AOF fsynced before every answer, a purchase is answered once the reservation script
 * ran, and OrderPlaced is published after the 202. The worst moment to die is then between the two:
 * the orders are accepted, their events are in no stream yet. NATS is down (kill -9), so the
 * publishes wait inside command-api, which is then killed with SIGKILL; NATS comes back: the outbox
 * relay must publish every order exactly once, and each must be settled.
 */
describe('accepted orders whose publisher is killed before any PubAck', () => {
  it('are all published once by the outbox relay, and settled', async () => {
    await using system = await ScaleMart.start({
      kind: 'local',
      local: { redisAppendFsync: 'always' },
      gateway: false,
      env: { LOG_LEVEL: 'warn', BCRYPT_COST: '4', PAYMENT_FAILURE_RATE: '0' },
    });
    const admin = new AdminClient(system.urls.commandApi, await system.adminToken());
    const productId = 'crash-before-puback';
    await admin.createSale({
      productId,
      units: ORDERS,
      perUserLimit: 1,
      startsAt: new Date(Date.now() - 1_000),
      durationMs: 3_600_000,
    });
    const tokens = await Promise.all(Array.from({ length: ORDERS }, () => system.shopperToken()));
    const stack = system.servers;
    if (!(stack instanceof LocalStack))
      throw new Error('this test crashes servers of its own stack');

    await stack.crash('nats');
    let orderIds: string[];
    try {
      orderIds = await Promise.all(
        tokens.map(async (token) => {
          const started = Date.now();
          const res = await fetch(`${system.urls.commandApi}/api/orders`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ productId, quantity: 1 }),
          });
          expect(res.status).toBe(202);
          // Answered on the reservation alone: a 202 that waited for the stream would take the
          // publish timeout (3 s) first.
          expect(Date.now() - started).toBeLessThan(2_000);
          return ((await res.json()) as { orderId: string }).orderId;
        }),
      );
      await system.kill('command-api');
    } finally {
      await stack.restart('nats');
    }

    const nc = await connectNats(system.urls.nats, 'crash-test');
    try {
      const facts = await waitFor(
        async () => {
          const read = await readStreamFacts(nc, system.naming);
          return orderIds.every((id) => read.orders.get(id)?.settled === 1) && read;
        },
        { timeoutMs: 30_000, intervalMs: 500, what: 'every accepted order published and settled' },
      );
      for (const id of orderIds) {
        expect(facts.orders.get(id)).toMatchObject({ placed: 1, settled: 1, status: 'confirmed' });
      }
      expect([...facts.orders.values()].filter((o) => o.productId === productId)).toHaveLength(
        ORDERS,
      );
    } finally {
      await nc.close();
    }
  }, 120_000);
});

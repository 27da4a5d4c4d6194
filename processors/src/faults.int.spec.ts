import { CONSUMERS } from '@scalemart/contracts';
import { ensureStreams } from '@scalemart/runtime';
import { connectNats, createLogger } from '@scalemart/runtime/service';
import { LocalStack, waitFor } from '@scalemart/testkit';
import { jetstream } from '@nats-io/jetstream';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { rebuild } from './replay/rebuild.js';
import { startProcessors } from './startProcessors.js';
import {
  drained,
  harness,
  mixedHistory,
  publishEvents,
  readModels,
  type Harness,
} from './testing/fixtures.js';

const DURABLES = [CONSUMERS.projections];
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

describe('faults', () => {
  let h: Harness;
  beforeAll(async () => (h = await harness()));
  afterAll(() => h.close());

  it('a processors process killed mid-batch leaves its hot standby to take over; both end equal to a full replay', async () => {
    const env = {
      ...process.env,
      ...h.ns.env,
      PORT: '0',
      // Projections only, as the process restarted below: a confirm-orders job would add its own
      // OrderConfirmed events to the hand-written history (two confirmations of one order).
      LOG_LEVEL: 'warn',
      OUTBOX_RELAY: 'off',
      PROCESSOR_JOBS: 'projections',
      BATCH_SIZE: '50',
    };
    const events = mixedHistory({ products: 2, orders: 240 });
    const half = Math.floor(events.length / 2);
    await h.publish(events.slice(0, half));
    const child: ChildProcess = spawn(process.execPath, [MAIN], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The child's warnings and its exit, kept to explain a failure to get going.
    const output: string[] = [];
    child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    let exited: string | undefined;
    child.once('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
    // Kill it the hard way once it is busy writing: some of the read model exists, not all.
    await waitFor(
      async () => {
        if (exited)
          throw new Error(
            `the processors child ${exited} before writing: ${output.join('').slice(-2_000)}`,
          );
        return (await h.db.collection('orders').countDocuments()) > 10;
      },
      { timeoutMs: 30_000, what: 'first writes' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nchild output: ${output.join('').slice(-4_000)}`);
    });
    // The standby pulls too, but the server delivers only to the pinned writer, the child.
    const again = await startProcessors(
      h.config({ jobs: ['projections'], logger: createLogger('p', process.env.T_LOG ?? 'silent') }),
    );
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    // Published after the kill: the standby, pinned once the child's pin expires, receives these
    // before the child's unacked messages come back (after the ack wait): it must wait for them.
    await h.publish(events.slice(half));
    try {
      await waitFor(() => drained(h.nc, h.ns, DURABLES), {
        timeoutMs: 40_000,
        intervalMs: 250,
        what: 'drained after restart',
      });
    } catch (error) {
      const { jetstreamManager } = await import('@nats-io/jetstream');
      const jsm = await jetstreamManager(h.nc);
      for (const d of DURABLES) {
        const i = await jsm.consumers.info(h.ns.naming.stream, d);
        console.log(d, i.num_pending, i.num_ack_pending, i.num_redelivered);
      }
      console.log(await again.metrics.registry.getSingleMetricAsString('processors_events_total'));
      throw error;
    } finally {
      await again.close();
    }
    const scratch = h.mongo.db(`${h.ns.mongoDbName}_replay`);
    await rebuild({
      nc: h.nc,
      naming: h.ns.naming,
      db: scratch,
      models: ['products', 'orders', 'sales'],
      mode: 'direct',
    });
    expect(await readModels(h.db)).toEqual(await readModels(scratch));
    await scratch.dropDatabase();
  }, 150_000);

  it('keeps projecting across a NATS server restart', async () => {
    const stack = await LocalStack.start();
    const mongo = new MongoClient(stack.urls.mongo);
    try {
      const ns = { ...h.ns, stack: { ...h.ns.stack, urls: stack.urls } };
      const nc = await connectNats(stack.urls.nats, 'restart-test');
      await ensureStreams(nc, ns.naming);
      const processors = await startProcessors({
        ...h.config({ jobs: ['projections'] }),
        natsUrl: stack.urls.nats,
        redisUrl: stack.urls.redis,
        mongoUrl: stack.urls.mongo,
        logger: createLogger('processors', 'silent'),
      });
      const [before, after] = [
        mixedHistory({ products: 1, orders: 3 }),
        mixedHistory({ products: 1, orders: 3 }),
      ];
      await publishEvents(jetstream(nc), ns, before);
      const orders = mongo.db(ns.mongoDbName).collection('orders');
      await waitFor(async () => (await orders.countDocuments()) === 3, {
        what: 'orders before the restart',
      });
      await stack.restart('nats');
      await waitFor(
        async () => {
          await publishEvents(jetstream(nc), ns, after); // same ids: the stream dedupes retries
          return true;
        },
        { timeoutMs: 20_000, intervalMs: 250, what: 'publishing after the restart' },
      );
      await waitFor(
        async () => (await orders.countDocuments({ status: { $ne: 'pending' } })) === 6,
        { timeoutMs: 30_000, what: 'orders after the restart' },
      );
      await processors.close();
      await nc.drain();
    } finally {
      await mongo.close();
      await stack.stop();
    }
  }, 90_000);
});

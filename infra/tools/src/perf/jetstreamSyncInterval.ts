import { jetstream } from '@nats-io/jetstream';
import { shopNaming } from '@scalemart/contracts';
import { LocalStack } from '@scalemart/testkit';
import { connectNats } from '@scalemart/runtime/service';
import { ensureStreams } from '@scalemart/runtime';

/**
 * Measures what JetStream's sync_interval costs a publisher that awaits every PubAck, as the
 * purchase path does: `node infra/tools/dist/perf/jetstreamSyncInterval.js [messages] [inFlight]`.
 * The figures justify DEFAULT_NATS_SYNC_INTERVAL (see README, "Durability").
 */
const messages = Number(process.argv[2] ?? 20_000);
const inFlight = Number(process.argv[3] ?? 256);
const payload = JSON.stringify({ data: 'x'.repeat(400) }); // about the size of an OrderPlaced

async function measure(syncInterval: string) {
  await using stack = await LocalStack.start({ natsSyncInterval: syncInterval });
  const nc = await connectNats(stack.urls.nats, 'sync-interval-bench');
  const naming = shopNaming('perf');
  await ensureStreams(nc, naming);
  const js = jetstream(nc);
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < messages) {
      const i = next++;
      const t0 = performance.now();
      await js.publish(naming.subjectFor('OrderPlaced', `o${i}`), payload, { msgID: `m${i}` });
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - started) / 1000;
  await nc.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(2);
  return {
    syncInterval,
    perSecond: Math.round(messages / seconds),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}

const rows = [];
for (const interval of ['2m', '1s', 'always']) rows.push(await measure(interval));
console.table(rows);

// Worker thread of the push scenario: publishes the burst on core NATS as fast as it can.
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { shopNaming, type ChangeNotice } from '@scalemart/contracts';
import { connectNats } from '@scalemart/runtime/service';

const { natsUrl, namespace, notices, orderNotices, rate } = workerData as {
  natsUrl: string;
  /** Notices per second; 0 publishes flat out. */
  rate: number;
  namespace: string;
  notices: ChangeNotice[];
  orderNotices: ChangeNotice[];
};
const naming = shopNaming(namespace);
const nc = await connectNats(natsUrl, 'push-bench-publisher');
const lastAt = new Map<string, string>(); // orderId -> eventAt of its last notice
// Order notices are spread evenly through the stock notices.
const every = Math.max(1, Math.floor(notices.length / Math.max(1, orderNotices.length)));
const started = Date.now();
let published = 0;
for (let i = 0; i < notices.length; i++) {
  const batch =
    i % every === 0 && orderNotices.length ? [notices[i]!, orderNotices.shift()!] : [notices[i]!];
  for (const notice of batch) {
    notice.eventAt = new Date().toISOString(); // the event time the latency is measured from
    if (notice.kind === 'order') lastAt.set(notice.orderId, notice.eventAt);
    nc.publish(naming.subjectOfNotice(notice), JSON.stringify(notice));
    published++;
  }
  if (i % 500 === 499) await nc.flush();
  if (rate > 0 && i % 50 === 49) {
    const due = started + (published / rate) * 1000; // pacing, not waiting for a result
    if (due > Date.now()) await sleep(due - Date.now());
  }
}
await nc.flush();
const publishMs = Date.now() - started;
await nc.close();
parentPort!.postMessage({ published, publishMs, lastAt: [...lastAt] });

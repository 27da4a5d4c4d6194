import { setTimeout as sleep } from 'node:timers/promises';
import type { NatsConnection } from '@nats-io/nats-core';
import type { ShopNaming } from '@scalemart/contracts';
import type { ScaleMart } from '../../system/scaleMart.js';
import { pushProbe, type PushProbe } from './pushProbe.js';
import { footprint, kbPerSocket, type Footprint } from './queryApiFootprint.js';
import { changeReach, reachSince, type ChangeReach } from './screenFigures.js';
import { Screens } from './screens.js';

type Reach = Pick<ChangeReach, 'reached' | 'p50' | 'p99' | 'max'>;

/** The `screens` part of a bench result. */
export interface ScreensFigures {
  requested: number;
  /** Connected once the ramp ended, and still connected when the run ended. */
  connected: number;
  connectedAtEnd: number;
  failed: number;
  disconnects: number;
  processes: number;
  rampSeconds: number;
  queryApi: { before: Footprint; after: Footprint; kbPerSocket: number };
  /** Stock changes the screens saw during the run, and the slowest of them. */
  changes: number;
  slowestChange: ChangeReach | null;
  /** The stock query-api serves after the drain, and whether every screen showed it in time. */
  finalStock: { stockVersion: number; available: number; everyScreenShowedIt: boolean };
  /** The change that emptied the shelf for good: from its event, and from the last 202. */
  soldOut: (ChangeReach & { sinceLastAccepted: Reach | null }) | null;
  perChange: ChangeReach[];
  pushProbe: PushProbe | null;
}

/** The first change after which every change showed an empty shelf. */
function soldOutChange(changes: readonly ChangeReach[]): ChangeReach | undefined {
  let k = changes.length;
  while (k > 0 && changes[k - 1]!.available === 0) k -= 1;
  return changes[k];
}

/** Screens held through a bench run: opened before the sale, measured after it. */
export class ScreenRun {
  private constructor(
    private readonly system: ScaleMart,
    private readonly screens: Screens,
    private readonly productId: string,
    private readonly opened: Omit<
      ScreensFigures,
      | 'connectedAtEnd'
      | 'disconnects'
      | 'changes'
      | 'slowestChange'
      | 'finalStock'
      | 'soldOut'
      | 'perChange'
      | 'pushProbe'
    >,
  ) {}

  static async open(system: ScaleMart, productId: string, count: number): Promise<ScreenRun> {
    const apis = () => system.queryApis.map((a) => ({ name: a.name, pid: a.pid, url: a.url }));
    const before = await footprint(apis());
    const started = performance.now();
    const { screens, failed } = await Screens.open({ url: system.origin, productId, count });
    const rampSeconds = Math.round((performance.now() - started) / 100) / 10;
    await sleep(2_000); // handshakes settle (snapshots sent, buffers released)
    const after = await footprint(apis());
    return new ScreenRun(system, screens, productId, {
      requested: count,
      connected: count - failed,
      failed,
      processes: screens.pids.length,
      rampSeconds,
      queryApi: { before, after, kbPerSocket: kbPerSocket(before, after) },
    });
  }

  get pids(): number[] {
    return this.screens.pids;
  }

  /** The product as query-api serves it once the processors drained: the truth every screen must show. */
  async #finalStock(): Promise<{ stockVersion: number; available: number }> {
    const res = await fetch(`${this.system.urls.queryApi}/api/products/${this.productId}`);
    const { stockVersion, available } = (await res.json()) as {
      stockVersion: number;
      available: number;
    };
    return { stockVersion, available };
  }

  /** Waits for every screen to show the final stock, then what they saw, then the push probe. */
  async finish(options: {
    lastAcceptedAtMs: number | undefined;
    nc: NatsConnection;
    naming: ShopNaming;
    probe: boolean;
  }): Promise<ScreensFigures> {
    const truth = await this.#finalStock();
    const finalDelivered = await this.screens.allShowing(truth.stockVersion, 60_000);
    const report = await this.screens.report();
    const perChange = changeReach(report);
    const slowestChange = perChange.reduce<ChangeReach | null>(
      (slowest, c) => (!slowest || c.p99 > slowest.p99 ? c : slowest),
      null,
    );
    const soldOut = truth.available === 0 ? soldOutChange(perChange) : undefined;
    const since =
      soldOut && options.lastAcceptedAtMs !== undefined
        ? reachSince(report, soldOut.stockVersion, options.lastAcceptedAtMs)
        : null;
    const probe = options.probe
      ? await pushProbe({
          nc: options.nc,
          naming: options.naming,
          productId: this.productId,
          fromVersion: truth.stockVersion + 1_000_000,
          queryApiPids: () => this.system.queryApis.map((a) => a.pid),
          screens: this.screens,
          clientPids: () => this.screens.pids,
        })
      : null;
    return {
      ...this.opened,
      connectedAtEnd: report.connected,
      disconnects: report.disconnects,
      finalStock: { ...truth, everyScreenShowedIt: finalDelivered },
      changes: perChange.length,
      slowestChange,
      soldOut: soldOut ? { ...soldOut, sinceLastAccepted: since } : null,
      perChange,
      pushProbe: probe,
    };
  }

  close(): void {
    this.screens.close();
  }
}

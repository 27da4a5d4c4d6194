/** What the bench and its screen processes say to each other over IPC. */

export interface ScreenArrivals {
  /** Stock versions in the order they arrived. */
  versions: number[];
  /** Arrival times, epoch ms (sub-ms precision), one per version. */
  times: number[];
}

export type WorkerCommand =
  | {
      type: 'open';
      url: string;
      productId: string;
      count: number;
      localAddress: string;
      concurrency: number;
      timeoutMs: number;
    }
  | { type: 'report' }
  /** How many screens show `atLeast` or a newer stock version (cheap: no arrivals sent). */
  | { type: 'count'; atLeast: number }
  | { type: 'close' };

export type WorkerReport =
  | { type: 'ready' }
  | { type: 'opened'; connected: number; failed: number }
  | {
      type: 'count';
      showing: number;
      connected: number;
      /** A few connected screens that do not show it yet: what they saw, how many sessions. */
      behind: { versions: number[]; sessions: number }[];
    }
  | {
      type: 'report';
      connected: number;
      disconnects: number;
      arrivals: ScreenArrivals[];
      /** Each stock version seen: its event time and the stock it showed. */
      pushes: [number, { eventAt: string; available: number }][];
    };

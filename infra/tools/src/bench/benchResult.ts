import type { FaultRecord } from './faultRecord.js';
import type { InvariantReport } from './invariants.js';
import type { LatencySummary } from './latencyHistogram.js';
import type { BenchOptions } from './options.js';
import type { LoadPressure } from './pressure.js';
import type { ProcessFigures } from './processStats.js';
import type { PublishLatency } from './publishLatency.js';
import type { ReplayComparison } from './replayComparison.js';
import type { ScreensFigures } from './screens/screenRun.js';
import type { HopsMs } from './winnerHops.js';

type Quantiles = Omit<LatencySummary, 'count'>;

/** The JSON a run writes (issue 7 lists the fields scripts rely on). */
export interface BenchResult {
  scenario: BenchOptions['scenario'];
  shoppers: number;
  units: number;
  connections: number;
  rate: number | null;
  durationSeconds: number | null;
  /** How the local stores fsync (null with --external: someone else's servers, not ours to say). */
  stores: { redisAppendFsync: BenchOptions['redisAppendFsync']; natsSyncInterval: string } | null;
  requests: number;
  accepted: number;
  refused: number;
  errors: number;
  refusedByCode: Record<string, number>;
  errorsByKind: Record<string, number>;
  elapsedMs: number;
  requestsPerSecond: number;
  acceptedPerSecond: number;
  latencyMs: { accepted: Quantiles; refused: Quantiles };
  endToEndMs: { p50: number; p99: number; samples: number };
  projectionLagMs: { p50: number; p99: number; samples: number };
  publishLatencyMs: PublishLatency | null;
  /** The reservation script's round trip to Redis, from command-api's own histogram. */
  reserveLatencyMs: PublishLatency | null;
  adminStatsMs: Quantiles | null;
  drainMs: number;
  /** false when the processors did not drain within the timeout (the invariants then fail). */
  drained: boolean;
  restocked: number;
  processes: ProcessFigures[];
  /** Load-phase CPU µs per request by service (instances summed; `bench` is the load generator). */
  cpuMicrosPerRequest: Record<string, number>;
  /**
   * Load + drain CPU µs per accepted order by service (instances summed), and `total` over the
   * system under test (without `bench` and `screens`); null when nothing was accepted.
   */
  cpuMicrosPerAccepted: Record<string, number> | null;
  /** First request sent -> the 202 that claimed the last unit of the initial stock; null if never. */
  claimedAllUnitsMs: number | null;
  /** A confirmed winner's path, hop by hop (winnerHops.ts says where each time comes from). */
  hopsMs: HopsMs;
  /** Share of the load phase some task on the machine waited for CPU / IO (Linux PSI). */
  loadPressure: LoadPressure | null;
  invariants: InvariantReport['invariants'];
  problems: string[];
  /** The processors' rebuild into a throwaway database, compared with the live read models. */
  replay: ReplayComparison;
  /** `--screens N`: anonymous screens through the one origin, and what reached them when. */
  screens: ScreensFigures | null;
  /** lost: 202s not in the stream exactly once; unprojected: in it, but not final in the read model. */
  chaos: { faults: FaultRecord[]; lost: number; unprojected: number; oversold: number };
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  date: string;
}

export const quantiles = ({ p50, p95, p99, max }: LatencySummary): Quantiles => ({
  p50,
  p95,
  p99,
  max,
});

/** Whether every invariant held (the exit code of the CLI). */
export const allGreen = (result: BenchResult) => Object.values(result.invariants).every(Boolean);

/** Approximate quantiles of a Prometheus histogram (upper bound of the bucket that holds them). */
export interface PublishLatency {
  count: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
}

type Buckets = Map<number, number>;

/** Reads `commandapi_publish_duration_seconds` (OrderPlaced, ok) from each command-api's /metrics. */
export function publishLatency(baseUrls: string[]): Promise<PublishLatency | undefined> {
  return histogramLatency(
    baseUrls,
    'commandapi_publish_duration_seconds',
    (line) =>
      line.includes('result="ok"') &&
      (!line.includes('type=') || line.includes('type="OrderPlaced"')),
  );
}

/** Reads `commandapi_reserve_duration_seconds` (the reservation script's round trip to Redis). */
export function reserveLatency(baseUrls: string[]): Promise<PublishLatency | undefined> {
  return histogramLatency(baseUrls, 'commandapi_reserve_duration_seconds', () => true);
}

/** Sums one Prometheus histogram (the lines `keep` accepts) over every command-api's /metrics. */
async function histogramLatency(
  baseUrls: string[],
  name: string,
  keep: (line: string) => boolean,
): Promise<PublishLatency | undefined> {
  const buckets: Buckets = new Map();
  let sum = 0;
  let count = 0;
  for (const baseUrl of baseUrls) {
    let text: string;
    try {
      const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(3_000) });
      if (!response.ok) continue;
      text = await response.text();
    } catch {
      continue; // an instance killed by chaos: its figures went with it
    }
    for (const line of text.split('\n')) {
      if (!line.startsWith(name) || !keep(line)) continue;
      const value = Number(line.slice(line.lastIndexOf(' ') + 1));
      const le = /le="([^"]+)"/.exec(line)?.[1];
      if (line.startsWith(`${name}_bucket`) && le) {
        const bound = le === '+Inf' ? Infinity : Number(le);
        buckets.set(bound, (buckets.get(bound) ?? 0) + value);
      } else if (line.startsWith(`${name}_sum`)) sum += value;
      else if (line.startsWith(`${name}_count`)) count += value;
    }
  }
  if (count === 0) return undefined;
  const quantile = (q: number) => {
    const sorted = [...buckets].sort(([a], [b]) => a - b);
    const bucket = sorted.find(([, cumulative]) => cumulative >= q * count);
    return bucket ? bucket[0] * 1000 : Infinity;
  };
  return {
    count,
    meanMs: Math.round((sum / count) * 1e6) / 1000,
    p50Ms: quantile(0.5),
    p99Ms: quantile(0.99),
  };
}

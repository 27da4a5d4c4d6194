// Percentiles of the client-side samples and of the instances' server-side histograms.

/** p50/p99 upper bounds (ms) from the instances' push-latency histograms: server-side emit latency. */
export async function serverSide(urls: string[], event: string) {
  const counts = new Map<number, number>();
  for (const url of urls) {
    const text = await (await fetch(`${url}/metrics`)).text();
    const re = new RegExp(
      `scalemart_query_push_latency_seconds_bucket\\{le="([^"]+)",event="${event}"\\} (\\d+)`,
      'g',
    );
    for (const [, le, count] of text.matchAll(re)) {
      const bound = le === '+Inf' ? Infinity : Number(le) * 1000;
      counts.set(bound, (counts.get(bound) ?? 0) + Number(count));
    }
  }
  const bounds = [...counts.keys()].sort((a, b) => a - b);
  const total = counts.get(Infinity) ?? 0;
  const bound = (p: number) => bounds.find((b) => (counts.get(b) ?? 0) >= total * p) ?? Infinity;
  return { emits: total, p50AtMostMs: bound(0.5), p99AtMostMs: bound(0.99) };
}

export function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return { count: sorted.length, p50: at(50), p90: at(90), p99: at(99), max: sorted.at(-1) ?? NaN };
}

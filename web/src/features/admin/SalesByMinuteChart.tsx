import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatCents } from '../../lib/money.js';
import { clockLabel, MINUTE_MS, type MinutePoint } from './minuteSeries.js';

const HEIGHT = 220;
// Tick every 5, 10, 15 or 30 minutes, whichever leaves room for a clock label on this width.
const MINUTE_TICKS = [5, 10, 15, 30].map((m) => (m * MINUTE_MS) / 1000);
const DONE_MINUTE = { fill: '#1d4ed8b3', stroke: '#1d4ed8' };
const CURRENT_MINUTE = { fill: '#f59e0b', stroke: '#b45309' };
const COLOR_FACET = 3; // uPlot.BarsPathBuilderFacetUnit.Color (a const enum, not emitted at runtime)

/** Every bar in blue, the last one (the current minute, still filling) in amber. */
const perBar = (pick: 'fill' | 'stroke'): uPlot.Series.BarsPathBuilderFacet => ({
  unit: COLOR_FACET,
  values: (u: uPlot) => {
    const count = u.data[0].length;
    return Array.from(
      { length: count },
      (_, i) => (i === count - 1 ? CURRENT_MINUTE : DONE_MINUTE)[pick],
    );
  },
});
const bars = uPlot.paths.bars!({
  size: [0.8, 40],
  gap: 1,
  disp: { fill: perBar('fill'), stroke: perBar('stroke') },
});

function options(width: number): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    series: [
      { value: (_u, v) => (v == null ? '' : clockLabel(v * 1000)) },
      {
        label: 'Orders',
        stroke: DONE_MINUTE.stroke,
        fill: DONE_MINUTE.fill,
        width: 1,
        points: { show: false },
        paths: bars,
      },
      {
        label: 'Revenue (€)',
        stroke: '#0f766e',
        width: 2,
        points: { show: false },
        scale: 'eur',
        value: (_u, v) => (v == null ? '' : formatCents(Math.round(v * 100))),
      },
    ],
    axes: [
      {
        incrs: MINUTE_TICKS,
        space: 56,
        values: (_u, ticks) => ticks.map((t) => clockLabel(t * 1000)),
      },
      { label: 'orders / minute' },
      { side: 1, scale: 'eur', label: '€ / minute', grid: { show: false } },
    ],
    scales: {
      // Half a minute of room on each side, so the first and the current bar are whole.
      x: { time: true, range: (_u, min, max) => [min - 30, max + 30] },
      y: { range: (_u, _min, max) => [0, Math.max(5, max * 1.15)] },
      eur: { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] },
    },
  };
}

/**
 * Orders and revenue per minute over the last 30 minutes, one bar a minute with clock labels.
 * The last bar is the current minute: it grows with every one-second push. uPlot draws on one
 * canvas (no element per bar), so `setData` on every push stays cheap.
 */
export function SalesByMinuteChart({ points }: { points: MinutePoint[] }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    if (!host.current) return;
    const width = () => Math.max(280, (host.current?.clientWidth ?? 600) - 4);
    plot.current = new uPlot(options(width()), [[], [], []], host.current);
    const resize = () => plot.current?.setSize({ width: width(), height: HEIGHT });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      plot.current?.destroy();
      plot.current = null;
    };
  }, []);

  useEffect(() => {
    plot.current?.setData([
      points.map((p) => p.minute / 1000),
      points.map((p) => p.orders),
      points.map((p) => p.revenueCents / 100),
    ]);
  }, [points]);

  const current = points.at(-1);
  const total = points.reduce((sum, p) => sum + p.orders, 0);
  return (
    <figure className="chart">
      <div
        ref={host}
        data-testid="sales-chart"
        data-minutes={points.length}
        data-total-orders={total}
        data-current-minute-orders={current?.orders ?? 0}
      />
      <figcaption>
        Orders (bars) and revenue (line) per minute, last {points.length} minutes; the amber bar is
        this minute{current ? ` (${clockLabel(current.minute)})` : ''}, filling live:{' '}
        {plural(current?.orders ?? 0, 'order')} and {formatCents(current?.revenueCents ?? 0)} so
        far. {plural(total, 'order')} in the {points.length} minutes.
      </figcaption>
    </figure>
  );
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

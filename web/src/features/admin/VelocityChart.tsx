import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { VelocitySample } from './useSalesFloor.js';

/**
 * Orders per minute and revenue per minute, one point a second. uPlot draws on a canvas and
 * `setData` redraws in well under a millisecond, so a push every second costs nothing.
 */
export function VelocityChart({ samples }: { samples: VelocitySample[] }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    if (!host.current) return;
    const width = () => Math.max(280, host.current?.clientWidth ?? 600);
    plot.current = new uPlot(
      {
        width: width(),
        height: 220,
        series: [
          {},
          { label: 'Orders/min', stroke: '#1d4ed8', width: 2 },
          { label: 'Revenue/min (€)', stroke: '#b45309', width: 2, scale: 'eur' },
        ],
        axes: [
          {},
          { label: 'orders/min' },
          { side: 1, scale: 'eur', label: '€/min', grid: { show: false } },
        ],
        scales: { x: { time: true } },
      },
      [[], [], []],
      host.current,
    );
    const resize = () => plot.current?.setSize({ width: width(), height: 220 });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      plot.current?.destroy();
      plot.current = null;
    };
  }, []);

  useEffect(() => {
    plot.current?.setData([
      samples.map((s) => s.at / 1000),
      samples.map((s) => s.ordersPerMinute),
      samples.map((s) => s.revenuePerMinuteCents / 100),
    ]);
  }, [samples]);

  const last = samples.at(-1);
  return (
    <figure className="chart">
      <div
        ref={host}
        data-testid="velocity-chart"
        data-points={samples.length}
        data-last-orders-per-minute={last?.ordersPerMinute ?? 0}
      />
      <figcaption>
        Orders per minute and revenue per minute, live. Now:{' '}
        {last ? `${last.ordersPerMinute.toFixed(1)} orders/min` : 'waiting for data'}.
      </figcaption>
    </figure>
  );
}

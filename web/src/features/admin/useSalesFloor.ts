import { useCallback, useEffect, useRef, useState } from 'react';
import {
  DeadLetter,
  DeadLetterPage,
  LowStockPush,
  SalesStats,
  SOCKET_EVENTS,
  VelocityPush,
} from '@scalemart/contracts';
import { apiRequest } from '../../lib/api.js';
import { useLive, useSocketEvent } from '../../lib/LiveContext.js';
import { mergeBuckets, pruneBuckets, type MinuteBuckets } from './minuteSeries.js';

const STATS_EVERY_MS = 5_000;

/**
 * Stats over REST (on connect, every few seconds, and when velocity shows new orders) + live
 * pushes. The chart's minutes merge both: the one-second velocity push carries the last ten
 * minutes' buckets, so the current minute fills up live.
 */
export function useSalesFloor(token: string) {
  const { epoch } = useLive();
  const [stats, setStats] = useState<SalesStats | null>(null);
  // Minutes of sales for the chart: the REST window, then every push refills the recent minutes.
  const [minutes, setMinutes] = useState<MinuteBuckets>(new Map());
  const [velocity, setVelocity] = useState<VelocityPush | null>(null);
  const [pendingOrders, setPendingOrders] = useState<number | null>(null);
  const [alerts, setAlerts] = useState<LowStockPush[]>([]);
  const [deadLetters, setDeadLetters] = useState<DeadLetter[]>([]);
  const [error, setError] = useState<string | null>(null);
  const lastVelocityOrders = useRef<number | null>(null);

  const reloadStats = useCallback(async () => {
    try {
      const fresh = await apiRequest('/api/admin/stats?windowMinutes=60', {
        token,
        schema: SalesStats,
      });
      setStats(fresh);
      setMinutes((current) => pruneBuckets(mergeBuckets(current, fresh.buckets), new Date()));
      setPendingOrders(fresh.pendingOrders);
      setError(null);
    } catch {
      setError('Could not load the sales stats.');
    }
  }, [token]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- reloadStats sets state only after its await; the rule misses that (https://github.com/react/react/issues/34905)
    void reloadStats();
    void apiRequest('/api/admin/dead-letters', { token, schema: DeadLetterPage })
      .then((page) => setDeadLetters(page.deadLetters))
      .catch(() => undefined);
    const timer = setInterval(() => void reloadStats(), STATS_EVERY_MS);
    return () => clearInterval(timer);
  }, [epoch, reloadStats, token]);

  useSocketEvent<unknown>(SOCKET_EVENTS.velocity, (payload) => {
    const parsed = VelocityPush.safeParse(payload);
    if (!parsed.success) return;
    const push = parsed.data;
    setPendingOrders(push.pendingOrders);
    setVelocity(push);
    setMinutes((current) => pruneBuckets(mergeBuckets(current, push.buckets), new Date(push.at)));
    // The recent buckets changed: there are orders the totals do not show yet, fetch them now.
    const seen = push.buckets.reduce((sum, bucket) => sum + bucket.orders, 0);
    if (lastVelocityOrders.current !== null && seen !== lastVelocityOrders.current)
      void reloadStats();
    lastVelocityOrders.current = seen;
  });
  useSocketEvent<unknown>(SOCKET_EVENTS.lowStock, (payload) => {
    const parsed = LowStockPush.safeParse(payload);
    if (parsed.success)
      setAlerts((current) => [
        parsed.data,
        ...current.filter((a) => a.productId !== parsed.data.productId),
      ]);
  });
  useSocketEvent<unknown>(SOCKET_EVENTS.deadLetter, (payload) => {
    const parsed = DeadLetter.safeParse(payload);
    if (parsed.success)
      setDeadLetters((current) => [parsed.data, ...current.filter((d) => d.id !== parsed.data.id)]);
  });
  return { stats, minutes, velocity, pendingOrders, alerts, deadLetters, error, reloadStats };
}

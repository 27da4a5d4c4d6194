import { useEffect, useState } from 'react';

/** "1h 02m 03s" — hours only when needed, so a flash sale reads "4m 09s". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}h ${pad(m)}m ${pad(s)}s` : `${m}m ${pad(s)}s`;
}

/** The current time, ticking once a second, shared by countdowns and sale states. */
export function useNow(intervalMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** A countdown to `until`; the text changes every second, so it is not a live region. */
export function Countdown({ label, until, now }: { label: string; until: string; now: Date }) {
  return (
    <p className="countdown">
      {label} <time dateTime={until}>{formatDuration(Date.parse(until) - now.getTime())}</time>
    </p>
  );
}

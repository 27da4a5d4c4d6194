import { useLive } from './LiveContext.js';

const LABEL = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…' } as const;

/** The reconnecting indicator: announced politely to screen readers when it changes. */
export function ConnectionBadge() {
  const { status } = useLive();
  return (
    <span
      className={`badge badge-${status}`}
      role="status"
      aria-live="polite"
      data-testid="connection"
    >
      {LABEL[status]}
    </span>
  );
}

import { useLive } from './LiveContext.js';

/** While the socket reconnects, says that what the page shows may be out of date (it reloads after). */
export function StaleNote({ what }: { what: string }) {
  const { status } = useLive();
  if (status !== 'reconnecting') return null;
  return (
    <p className="stale" role="status">
      Reconnecting… {what} may be out of date until the connection is back.
    </p>
  );
}

/** A list or page that could not be loaded: the reason, and a retry when the caller offers one. */
export function LoadProblem({
  error,
  onRetry,
}: {
  error: string;
  onRetry?: (() => void) | undefined;
}) {
  return (
    <div role="alert" className="problem">
      <p>{error}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

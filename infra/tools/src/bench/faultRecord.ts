/** One fault of a chaos run, as the bench reports it (single-node and cluster faults alike). */
export interface FaultRecord {
  /** e.g. `kill -9 command-api-1`, `crash nats`. */
  fault: string;
  /** ms since the load started. */
  atMs: number;
  /** How long the target was down, ms. */
  downMs: number;
  error?: string;
  /** Which node went down and who took over (cluster faults). */
  detail?: string;
}

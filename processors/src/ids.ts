import { createHash } from 'node:crypto';

/**
 * A UUID (version 5 layout) derived from a name: the same order and outcome always give the same
 * event id, so a redelivered OrderPlaced re-publishes with the same Nats-Msg-Id and the stream's
 * duplicate window drops the copy.
 */
export function derivedUuid(...parts: string[]): string {
  const bytes = createHash('sha1').update(parts.join('|')).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A number in [0, 1) derived from a name: deterministic "randomness" for the simulated gateway. */
export function unitHash(...parts: string[]): number {
  return createHash('sha1').update(parts.join('|')).digest().readUInt32BE(0) / 2 ** 32;
}

import type { JsMsg } from '@nats-io/jetstream';

/** A message as the writer holds it: with when it arrived. */
export interface Received {
  msg: JsMsg;
  at: number;
}

/**
 * Far below the pin's TTL (infra's PROJECTION_PIN_TTL_MS, 6 s): a writer holding messages this
 * old may have stalled long enough for a standby to be pinned and to apply them first.
 */
export const CACHE_TRUST_MS = 2_000;

/**
 * Whether the documents the writer cached (CachedStore) are still the stored ones, judged from
 * the runs it applies: each run must come under the same pin as the ones before (the server
 * pins one client; a new pin id means another writer may have been pinned in between) and be
 * fresh (a writer that stalled past the pin's TTL holds messages a standby may have applied).
 * When it does not hold, the writer forgets its caches and reads MongoDB again.
 */
export class CacheTrust {
  #pin: string | undefined;

  holds(run: readonly Received[]): boolean {
    const now = performance.now();
    let holds = true;
    for (const { msg, at } of run) {
      const pin = msg.headers?.get('Nats-Pin-Id') ?? '';
      if (this.#pin !== undefined && pin !== this.#pin) holds = false;
      this.#pin = pin;
      if (now - at > CACHE_TRUST_MS) holds = false;
    }
    return holds;
  }
}

import type { JsMsg } from '@nats-io/jetstream';
import { CACHE_TRUST_MS, CacheTrust, type Received } from './cacheTrust.js';

const received = (pin: string, ageMs = 0): Received => ({
  msg: {
    headers: { get: (name: string) => (name === 'Nats-Pin-Id' ? pin : '') },
  } as unknown as JsMsg,
  at: performance.now() - ageMs,
});

describe('CacheTrust', () => {
  it('holds while every run comes fresh under the same pin', () => {
    const trust = new CacheTrust();
    expect(trust.holds([received('p1'), received('p1')])).toBe(true);
    expect(trust.holds([received('p1')])).toBe(true);
  });

  it('fails at a new pin (another writer may have been pinned in between) and holds again under it', () => {
    const trust = new CacheTrust();
    trust.holds([received('p1')]);
    expect(trust.holds([received('p2')])).toBe(false);
    expect(trust.holds([received('p2')])).toBe(true);
  });

  it('fails for messages held longer than a standby could wait for the pin', () => {
    const trust = new CacheTrust();
    expect(trust.holds([received('p1', CACHE_TRUST_MS + 1), received('p1')])).toBe(false);
  });
});

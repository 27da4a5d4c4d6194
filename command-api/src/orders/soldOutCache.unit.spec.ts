import { SoldOutCache } from './soldOutCache.js';

describe('SoldOutCache', () => {
  let now = 1_000;
  const cache = () => new SoldOutCache(500, () => now);

  beforeEach(() => (now = 1_000));

  it('knows nothing at first', () => {
    expect(cache().isSoldOut('p', 1)).toBe(false);
  });

  it('refuses the refused quantity and larger ones, not smaller ones', () => {
    const c = cache();
    c.remember('p', 2, c.ticket('p'));
    expect(c.isSoldOut('p', 2)).toBe(true);
    expect(c.isSoldOut('p', 3)).toBe(true);
    expect(c.isSoldOut('p', 1)).toBe(false);
    c.remember('p', 1, c.ticket('p'));
    expect(c.isSoldOut('p', 1)).toBe(true);
    expect(c.isSoldOut('other', 1)).toBe(false);
  });

  it('expires after its ttl', () => {
    const c = cache();
    c.remember('p', 1, c.ticket('p'));
    now += 499;
    expect(c.isSoldOut('p', 1)).toBe(true);
    now += 1;
    expect(c.isSoldOut('p', 1)).toBe(false);
  });

  it('after its ttl, lets one caller re-check with Redis while the others keep the answer', () => {
    const c = cache();
    c.remember('p', 1, c.ticket('p'));
    now += 500;
    expect(c.isSoldOut('p', 1)).toBe(false); // this one asks Redis
    expect(c.isSoldOut('p', 1)).toBe(true);
    now += 249;
    expect(c.isSoldOut('p', 2)).toBe(true);
    c.remember('p', 1, c.ticket('p')); // Redis: still sold out
    now += 499;
    expect(c.isSoldOut('p', 1)).toBe(true);
  });

  it('drops a re-checked entry when Redis reserved, or when no verdict came in time', () => {
    const c = cache();
    c.remember('p', 1, c.ticket('p'));
    now += 500;
    expect(c.isSoldOut('p', 1)).toBe(false);
    c.stockSeen('p'); // the re-check reserved a unit: a notice had been missed
    expect(c.isSoldOut('p', 1)).toBe(false);

    c.remember('q', 1, c.ticket('q'));
    now += 500;
    expect(c.isSoldOut('q', 1)).toBe(false);
    now += 250; // the re-check never answered (rate limited, Redis down...)
    expect(c.isSoldOut('q', 1)).toBe(false);
    expect(c.isSoldOut('q', 1)).toBe(false);
  });

  it('forgets a product whose stock changed', () => {
    const c = cache();
    c.remember('p', 1, c.ticket('p'));
    c.forget('p');
    expect(c.isSoldOut('p', 1)).toBe(false);
  });

  it('ignores a refusal computed before a restock notice arrived', () => {
    const c = cache();
    const ticket = c.ticket('p');
    c.forget('p'); // the restock notice lands while Redis was answering
    c.remember('p', 1, ticket);
    expect(c.isSoldOut('p', 1)).toBe(false);
  });

  it('is off with a zero ttl', () => {
    const c = new SoldOutCache(0, () => now);
    c.remember('p', 1, c.ticket('p'));
    expect(c.isSoldOut('p', 1)).toBe(false);
  });
});

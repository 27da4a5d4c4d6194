import type { OrderTimeline } from './orderTimeline.js';
import { HOPS, winnerHops } from './winnerHops.js';

const confirmed = (placedStoredAt: number) => ({
  placedStoredAt,
  outcome: 'confirmed' as const,
  outcomeAt: placedStoredAt + 300,
  outcomeStoredAt: placedStoredAt + 305,
});

describe('winnerHops', () => {
  it('times each hop from the end of the one before, negative when the 202 waits for the store', () => {
    const timeline: OrderTimeline = new Map([
      ['o-1', confirmed(1_000)],
      ['o-2', confirmed(2_000)],
    ]);
    const hops = winnerHops({
      acceptedAt: new Map([
        ['o-1', 1_010],
        ['o-2', 2_020],
      ]),
      timeline,
      noticeAt: new Map([
        ['o-1', 1_345],
        ['o-2', 2_325],
      ]),
      pushedAt: new Map([['o-1', 1_346.5]]),
    });
    expect(hops).toEqual({
      acceptedToStored: { p50: -20, p99: -10, samples: 2 },
      storedToPaymentAnswered: { p50: 300, p99: 300, samples: 2 },
      paymentAnsweredToConfirmedStored: { p50: 5, p99: 5, samples: 2 },
      confirmedStoredToNotice: { p50: 20, p99: 40, samples: 2 },
      noticeToPushed: { p50: 1.5, p99: 1.5, samples: 1 },
    });
  });

  it('follows a rejected order only to its store, and leaves a hop without samples null', () => {
    const hops = winnerHops({
      acceptedAt: new Map([['o-1', 1_010]]),
      timeline: new Map([
        [
          'o-1',
          { placedStoredAt: 1_000, outcome: 'rejected', outcomeAt: 1_300, outcomeStoredAt: 1_301 },
        ],
      ]),
      noticeAt: new Map(),
      pushedAt: new Map(),
    });
    expect(hops.acceptedToStored.samples).toBe(1);
    for (const hop of HOPS.slice(1))
      expect(hops[hop]).toEqual({ p50: null, p99: null, samples: 0 });
  });

  it('takes the nearest rank: p99 of 200 samples is the 198th', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `o-${i}`);
    const hops = winnerHops({
      acceptedAt: new Map(ids.map((id, i) => [id, 10_000 - i])),
      timeline: new Map(ids.map((id) => [id, { placedStoredAt: 10_000 }])),
      noticeAt: new Map(),
      pushedAt: new Map(),
    });
    expect(hops.acceptedToStored).toEqual({ p50: 99, p99: 197, samples: 200 });
  });
});

import { changeReach, firstShown, reachSince } from './screenFigures.js';
import type { ScreensReport } from './screens.js';

const at = (ms: number) => new Date(ms).toISOString();

describe('firstShown', () => {
  it('counts a newer version as showing every older one it skipped', () => {
    const screen = { versions: [2, 5, 9], times: [100, 200, 300] };
    expect(firstShown(screen, [1, 2, 3, 5, 7, 9, 10])).toEqual([
      100,
      100,
      200,
      200,
      300,
      300,
      undefined,
    ]);
  });

  it('keeps the first time a version was covered when an older one arrives later', () => {
    const screen = { versions: [6, 4, 8], times: [10, 20, 30] };
    expect(firstShown(screen, [4, 6, 8])).toEqual([10, 10, 30]);
  });
});

describe('changeReach', () => {
  const report: ScreensReport = {
    connected: 2,
    disconnects: 0,
    // Two instances coalesced differently: one screen saw 3 then 7, the other only 7.
    arrivals: [
      { versions: [3, 7], times: [1_050, 1_400] },
      { versions: [7], times: [1_300] },
    ],
    pushes: new Map([
      [3, { eventAt: at(1_000), available: 4 }],
      [7, { eventAt: at(1_200), available: 0 }],
    ]),
  };

  it('gives every change the time until each screen showed it or newer, from its event', () => {
    const [first, last] = changeReach(report);
    expect(first).toMatchObject({ stockVersion: 3, available: 4, reached: 2, max: 300 });
    // The histogram keeps 3 significant digits.
    expect(first!.p50).toBeCloseTo(50, 0);
    expect(last).toMatchObject({ stockVersion: 7, available: 0, reached: 2, max: 200 });
    expect(last!.p50).toBeCloseTo(100, 0);
  });

  it('measures the last change from another instant too', () => {
    const since = reachSince(report, 7, 1_250);
    expect(since).toMatchObject({ reached: 2, max: 150 });
    expect(since.p50).toBeCloseTo(50, 0);
  });
});

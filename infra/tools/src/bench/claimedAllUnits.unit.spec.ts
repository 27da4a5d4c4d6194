import { claimedAllUnitsMs } from './claimedAllUnits.js';

const accepted = (...at: number[]) =>
  at.map((t, i) => ({ orderId: `o-${i}`, userId: `u-${i}`, productId: 'p', at: t }));

describe('claimedAllUnitsMs', () => {
  it('is the time of the 202 that brought the accepted count to the units', () => {
    expect(claimedAllUnitsMs(accepted(110, 150, 180.04, 400), 3, 100)).toBe(80);
  });

  it('is null when fewer orders than units were accepted', () => {
    expect(claimedAllUnitsMs(accepted(110, 150), 3, 100)).toBeNull();
  });
});

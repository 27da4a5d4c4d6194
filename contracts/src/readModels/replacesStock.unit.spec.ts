import { replacesStock } from '../index.js';

const at = (stockVersion: number) => ({ stockVersion });

describe('replacesStock', () => {
  it('takes a newer stock version and refuses an older one, whatever their arrival order', () => {
    expect(replacesStock(at(8), at(7))).toBe(true);
    expect(replacesStock(at(6), at(7))).toBe(false);
    expect(replacesStock(at(1), at(0))).toBe(true);
  });

  it('keeps what it holds on a tie, unless the tie goes to the incoming reading', () => {
    expect(replacesStock(at(7), at(7))).toBe(false);
    expect(replacesStock(at(7), at(7), { tieGoesTo: 'held' })).toBe(false);
    expect(replacesStock(at(7), at(7), { tieGoesTo: 'incoming' })).toBe(true);
    expect(replacesStock(at(6), at(7), { tieGoesTo: 'incoming' })).toBe(false);
    expect(replacesStock(at(8), at(7), { tieGoesTo: 'incoming' })).toBe(true);
  });
});

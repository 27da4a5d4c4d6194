import { HeldMessages } from './heldMessages.js';

describe('HeldMessages', () => {
  it('gives back runs without gaps, in stream order, and waits at a gap', () => {
    const held = new HeldMessages<string>();
    for (const seq of [5, 3, 4, 7]) held.hold(seq, `m${seq}`);
    expect(held.takeRun(10)).toEqual([]); // where the durable stands is not known yet
    held.expected = 3;
    expect(held.takeRun(2)).toEqual(['m3', 'm4']);
    expect(held.takeRun(10)).toEqual(['m5']);
    expect(held.takeRun(10)).toEqual([]); // 6 is still out
    expect(held.lowest()).toBe(7);
    held.hold(6, 'm6');
    expect(held.takeRun(10)).toEqual(['m6', 'm7']);
    expect(held.expected).toBe(8);
  });

  it('hands back what is below the next sequence as stale, and everything in order on stop', () => {
    const held = new HeldMessages<string>();
    held.expected = 10;
    for (const seq of [12, 8, 11, 9]) held.hold(seq, `m${seq}`);
    expect(held.takeStale()).toEqual(['m8', 'm9']);
    expect(held.takeAll()).toEqual(['m11', 'm12']);
    expect(held.size).toBe(0);
  });
});

import { minuteOf, utc } from './projection.js';

describe('time helpers', () => {
  it('cuts an ISO UTC time to its minute, whatever form the time came in', () => {
    expect(minuteOf('2026-01-01T10:01:59.123Z')).toBe('2026-01-01T10:01:00.000Z');
    expect(minuteOf('2026-01-01T11:01:59.123+01:00')).toBe('2026-01-01T10:01:00.000Z');
    expect(minuteOf('2026-01-01T10:01:59Z')).toBe('2026-01-01T10:01:00.000Z');
  });

  it('normalises a time to UTC with milliseconds', () => {
    expect(utc('2026-01-01T10:01:59.123Z')).toBe('2026-01-01T10:01:59.123Z');
    expect(utc('2026-01-01T11:01:59+01:00')).toBe('2026-01-01T10:01:59.000Z');
  });
});

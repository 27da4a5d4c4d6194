import { BenchOptions } from './options.js';

describe('BenchOptions', () => {
  it('runs the stores as npm start does unless told otherwise', () => {
    expect(BenchOptions.parse({})).toMatchObject({
      redisAppendFsync: 'always',
      natsSyncInterval: 'always',
    });
    expect(BenchOptions.parse({ redisAppendFsync: 'no', natsSyncInterval: '1s' })).toMatchObject({
      redisAppendFsync: 'no',
      natsSyncInterval: '1s',
    });
  });

  it('refuses chaos without an AOF fsynced per answer: a Redis crash would lose reservations', () => {
    expect(() => BenchOptions.parse({ chaos: true, redisAppendFsync: 'everysec' })).toThrow(
      /--chaos needs --redis-appendfsync always/,
    );
  });
});

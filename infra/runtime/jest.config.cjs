// Integration tests share one real stack per run (the testkit's globalSetup); tests of the
// cluster topology start their own.
module.exports = require('../../jest.base.cjs')(__dirname, {
  globalSetup: require.resolve('@scalemart/testkit/globalSetup'),
  globalTeardown: require.resolve('@scalemart/testkit/globalTeardown'),
  testTimeout: 60_000,
});

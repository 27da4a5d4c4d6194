// Integration tests share one real stack per run (started by the testkit's globalSetup).
module.exports = require('../jest.base.cjs')(__dirname, {
  globalSetup: require.resolve('@scalemart/testkit/globalSetup'),
  globalTeardown: require.resolve('@scalemart/testkit/globalTeardown'),
  testTimeout: 60_000,
});

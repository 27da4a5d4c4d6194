// Browser tests: the whole system on the testkit's stack, driven by playwright-core + Debian chromium.
module.exports = require('../jest.base.cjs')(__dirname, {
  testMatch: ['<rootDir>/e2e/**/*.e2e.spec.ts'],
  globalSetup: require.resolve('@scalemart/testkit/globalSetup'),
  globalTeardown: require.resolve('@scalemart/testkit/globalTeardown'),
  testTimeout: 120_000,
});

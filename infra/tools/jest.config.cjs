// Integration tests share one real stack per run (the testkit's globalSetup); tests that kill
// servers start their own. examples/ holds a downstream project's suite, run here so CI runs it.
module.exports = require('../../jest.base.cjs')(__dirname, {
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/examples/**/*.spec.ts'],
  globalSetup: require.resolve('@scalemart/testkit/globalSetup'),
  globalTeardown: require.resolve('@scalemart/testkit/globalTeardown'),
  testTimeout: 60_000,
});

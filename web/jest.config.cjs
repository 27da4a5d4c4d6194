// Component tests: jsdom, CSS imports stubbed. Browser tests under e2e/ have their own config.
module.exports = require('../jest.base.cjs')(__dirname, {
  testEnvironment: 'jsdom',
  moduleNameMapper: {
    '\\.css$': '<rootDir>/src/testing/styleStub.cjs',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  setupFilesAfterEnv: ['@testing-library/jest-dom'],
});

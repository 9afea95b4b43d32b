/**
 * Jest runs in native ESM mode (middy 7 is ESM-only); ts-jest only transpiles, `npm run typecheck` type-checks.
 * DynamoDB Local and s3rver start once per run in the global setup; each suite creates its own tables and buckets.
 * Every line a test worker logs is copied to a capture directory (log-capture.ts); the sequencer runs the
 * suite-wide log privacy check (test/suite/log-privacy.test.ts) last, and the reporter tells it when the other
 * test files have finished.
 * @type {import('jest').Config}
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: { module: 'ESNext', moduleResolution: 'Bundler' } }],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  setupFiles: ['<rootDir>/test/support/env.ts', '<rootDir>/test/support/log-capture.ts'],
  testSequencer: '<rootDir>/test/support/log-privacy-sequencer.js',
  reporters: ['default', '<rootDir>/test/support/log-privacy-reporter.js'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
  collectCoverageFrom: ['lambdas/**/*.ts'],
  coverageThreshold: {
    // Core is pure logic: every line is reachable from a unit test.
    './lambdas/core/': { lines: 90 },
  },
};

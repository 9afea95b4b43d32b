/**
 * Jest runs in native ESM mode (middy 7 is ESM-only); ts-jest only transpiles, `npm run typecheck` type-checks.
 * DynamoDB Local and s3rver start once per run in the global setup; each suite creates its own tables and buckets.
 * @type {import('jest').Config}
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: { module: 'ESNext', moduleResolution: 'Bundler' } }],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  setupFiles: ['<rootDir>/test/support/env.ts'],
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

import base from '../../jest.config.js';

/**
 * The jest configuration StrykerJS runs (`npm run mutate`, see docs/benchmarks.md "Mutation score").
 * Stryker calls jest once per mutant in a long-lived worker, so the per-run global setup of the main config (which
 * starts a DynamoDB Local and an s3rver each time) is replaced by the engines that `test/mutation/run.ts` starts for
 * the whole run. It runs the unit tests and the integration suites that drive core against those engines; the suites
 * below also need an SMTP listener, Python, the local runtime or `examples/` (which Stryker's sandbox leaves out), or
 * only test adapters, so they stay out.
 * @type {import('jest').Config}
 */
export default {
  ...base,
  rootDir: '../..',
  testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/integration/**/*.test.ts'],
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/test/integration/dsn-local-delivery.test.ts',
    '<rootDir>/test/integration/message-flow-api.test.ts',
    '<rootDir>/test/integration/message-flow-examples.test.ts',
    '<rootDir>/test/integration/s3-blob-store.test.ts',
    '<rootDir>/test/integration/smtp-ingress.test.ts',
  ],
  globalSetup: '<rootDir>/test/mutation/global-setup.ts',
  // The suite-wide log privacy check belongs to `npm test`: no log capture, check order or reporter per mutant.
  setupFiles: ['<rootDir>/test/support/env.ts'],
  testSequencer: undefined,
  reporters: undefined,
  globalTeardown: undefined,
  coverageThreshold: undefined,
  // A mutant that hangs a stream or a loop should time out in seconds, not after the suite's 60 s.
  testTimeout: 10_000,
};
